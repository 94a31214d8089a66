"""Files through the JSON API: attach (multipart), list, download, remove — and who may,
as a table over the people around an idea and its stages.

staff1 (author) and staff2 (co-author when asked) work in ฝ่ายทะเบียน (D1001-REG); staff3
is a colleague in ฝ่ายโยธา of the same district; supervisor1 reviews ฝ่ายทะเบียน, director
the whole district; outsider works in a hospital lab (MED-H02-MT-MICRO).
"""

from __future__ import annotations

import io

import pytest
from api import api_error
from fixtures.files import ELF, THAI_FORM, docx, pdf, photo

PEOPLE = ("author", "coauthor", "colleague", "supervisor", "outsider")
USERNAMES = {"author": "staff1", "coauthor": "staff2", "colleague": "staff3",
             "supervisor": "supervisor1", "outsider": "outsider"}  # fmt: skip


def upload(caller, ref, *files, kind=None):
    data = {"file": [(io.BytesIO(content), name) for name, content in files]}
    if kind:
        data["kind"] = kind
    return caller.client.post(
        f"/api/v1/ideas/{ref}/attachments",
        data=data,
        headers=caller.headers,
        content_type="multipart/form-data",
    )


@pytest.fixture
def team_idea(make_idea, file_store):
    """make_team_idea(stage) → staff1's idea with staff2 as co-author, walked to ``stage``."""
    return lambda stage: make_idea(author="staff1", stage=stage, coauthors=["staff2"])


def test_the_team_attaches_a_thai_named_pdf_and_a_photo_and_lists_them(api, team_idea, file_store):
    idea = team_idea("submitted")
    staff1 = api("staff1")

    response = upload(staff1, idea.ref, (THAI_FORM, pdf()), ("รูปหน้าช่องบริการ.jpg", photo("JPEG")))

    assert response.status_code == 201, response.get_json()
    added = response.get_json()["items"]
    assert [(a["name"], a["content_type"], a["kind"]) for a in added] == [
        (THAI_FORM, "application/pdf", "attachment"),
        ("รูปหน้าช่องบริการ.jpg", "image/jpeg", "attachment"),
    ]
    assert added[1]["width"] == 640 and added[1]["height"] == 480
    assert added[0]["width"] is None and added[0]["uploader"]["username"] == "staff1"
    listed = api("staff3").get(f"/ideas/{idea.ref}/attachments").get_json()["items"]
    assert [a["id"] for a in listed] == [a["id"] for a in added]
    assert [a["can_remove"] for a in listed] == [False, False]
    assert len(file_store.keys()) == 3  # the PDF, the photo and its thumbnail


def test_a_download_is_the_same_bytes_with_safe_headers(api, team_idea):
    idea = team_idea("submitted")
    content = pdf()
    [added] = upload(api("staff1"), idea.ref, (THAI_FORM, content)).get_json()["items"]

    response = api("staff3").get(f"/ideas/{idea.ref}/attachments/{added['id']}", buffered=True)

    assert response.status_code == 200
    assert response.get_data() == content
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "private, no-cache"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="file-{added["id"]}.pdf"' in disposition
    assert "filename*=UTF-8''%E0%B9%81%E0%B8%9A%E0%B8%9A" in disposition  # แบบ…
    assert disposition.endswith("%E0%B8%97%E0%B8%B5%E0%B9%88%202.pdf")  # ที่ 2.pdf
    assert response.headers["ETag"] == f'"{added["sha256"]}"'

    staff3 = api("staff3")
    again = staff3.client.get(
        f"/api/v1/ideas/{idea.ref}/attachments/{added['id']}",
        headers={**staff3.headers, "If-None-Match": f'"{added["sha256"]}"'},
        buffered=True,
    )
    assert again.status_code == 304


def test_a_program_renamed_pdf_is_refused_naming_it_and_nothing_is_kept(api, team_idea, file_store):
    idea = team_idea("submitted")

    response = upload(api("staff1"), idea.ref, ("สรุปผล.pdf", pdf()), ("คู่มือ.pdf", ELF))

    error = api_error(response, 422, "invalid")
    assert set(error["fields"]) == {"file.1"}
    assert "ไฟล์ “คู่มือ.pdf” เป็นโปรแกรม" in error["fields"]["file.1"]
    assert api("staff1").get(f"/ideas/{idea.ref}/attachments").get_json()["items"] == []
    assert file_store.keys() == []


@pytest.mark.parametrize(
    "data, field",
    [
        pytest.param({"kind": "proof"}, "kind", id="unknown-kind"),
        pytest.param({"kind": ""}, "kind", id="blank-kind"),
        pytest.param({"note": "ภาพถ่าย"}, "note", id="unknown-field"),
        pytest.param({"file": "not a file"}, "file", id="text-instead-of-a-file"),
        pytest.param({}, "file", id="no-file"),
    ],
)
def test_a_malformed_upload_is_a_422_naming_the_field(api, team_idea, data, field):
    idea = team_idea("draft")
    staff1 = api("staff1")
    if field != "file":
        data["file"] = (io.BytesIO(photo()), "ภาพ.png")

    response = staff1.client.post(
        f"/api/v1/ideas/{idea.ref}/attachments", data=data, headers=staff1.headers,
        content_type="multipart/form-data",
    )  # fmt: skip

    assert field in api_error(response, 422, "invalid")["fields"]


def test_json_instead_of_multipart_is_a_400(api, team_idea):
    idea = team_idea("draft")

    response = api("staff1").post(f"/ideas/{idea.ref}/attachments", json={"file": "x"})

    assert "multipart/form-data" in api_error(response, 400, "bad_request")["message"]


def test_another_idea_s_file_or_an_unknown_one_is_a_404(api, team_idea, make_idea):
    idea, other = team_idea("submitted"), make_idea(author="staff2", stage="submitted")
    [added] = upload(api("staff1"), idea.ref, ("ภาพ.png", photo())).get_json()["items"]

    for path in (f"/ideas/{other.ref}/attachments/{added['id']}",
                 f"/ideas/{idea.ref}/attachments/{added['id'] + 999}",
                 f"/ideas/{idea.ref}/attachments/419704337899"):  # beyond a 32-bit id  # fmt: skip
        api_error(api("staff3").get(path), 404, "not_found")
        api_error(api("staff1").delete(path), 404, "not_found")


# -- who may add what, when ------------------------------------------------------------------

# (stage, kind, who) → status; a draft is the team's only, so others do not see it (404)
ADD = [
    *[("draft", "attachment", who, s) for who, s in zip(PEOPLE, (201, 201, 404, 404, 404), strict=True)],
    *[("submitted", "attachment", who, s) for who, s in zip(PEOPLE, (201, 201, 403, 403, 403), strict=True)],
    *[("returned", "attachment", who, s) for who, s in zip(PEOPLE, (201, 201, 403, 403, 403), strict=True)],
    ("implemented", "attachment", "author", 201),
    ("implemented", "attachment", "supervisor", 403),
    ("declined", "attachment", "author", 409),
    *[("implemented", "evidence", who, s) for who, s in zip(PEOPLE, (403, 403, 403, 201, 403), strict=True)],
    ("approved", "evidence", "supervisor", 409),
    ("submitted", "evidence", "author", 403),
]  # fmt: skip


@pytest.mark.parametrize("stage, kind, who, status", ADD)
def test_who_may_attach(api, team_idea, stage, kind, who, status):
    idea = team_idea(stage)

    response = upload(api(USERNAMES[who]), idea.ref, ("ใบคำร้อง.png", photo()), kind=kind)

    assert response.status_code == status, response.get_json()
    count = len(api("staff1").get(f"/ideas/{idea.ref}/attachments").get_json()["items"])
    assert count == (1 if status == 201 else 0)


# (stage, kind of file, who uploaded it, who removes) → status
REMOVE = [
    ("draft", "attachment", "author", "coauthor", 204),  # the team, while it may edit
    ("returned", "attachment", "author", "coauthor", 204),
    ("submitted", "attachment", "author", "author", 204),  # its uploader, at any stage
    ("submitted", "attachment", "author", "coauthor", 403),
    ("submitted", "attachment", "author", "supervisor", 403),
    ("submitted", "attachment", "author", "colleague", 403),
    ("implemented", "evidence", "supervisor", "supervisor", 204),
    ("implemented", "evidence", "supervisor", "director", 204),  # another reviewer
    ("implemented", "evidence", "supervisor", "author", 403),  # never the team it judges
    ("implemented", "evidence", "supervisor", "outsider", 403),
]


@pytest.mark.parametrize("stage, kind, uploader, who, status", REMOVE)
def test_who_may_remove(api, team_idea, file_store, stage, kind, uploader, who, status):
    idea = team_idea(stage)
    uploaded = upload(api(USERNAMES.get(uploader, uploader)), idea.ref, ("ภาพ.png", photo()),
                      kind=kind)  # fmt: skip
    [added] = uploaded.get_json()["items"]

    response = api(USERNAMES.get(who, who)).delete(f"/ideas/{idea.ref}/attachments/{added['id']}")

    assert response.status_code == status
    left = api("staff1").get(f"/ideas/{idea.ref}/attachments").get_json()["items"]
    assert len(left) == (0 if status == 204 else 1)
    assert len(file_store.keys()) == (0 if status == 204 else 2)


def test_a_merged_idea_keeps_its_files_as_they_are(api, team_idea, make_idea):
    idea = team_idea("submitted")
    [added] = upload(api("staff1"), idea.ref, ("ภาพ.png", photo())).get_json()["items"]
    survivor = make_idea(author="staff3", stage="submitted", reviewer="director")
    merged = api("director").act(idea.ref, "merge", into=survivor.ref)
    assert merged.status_code == 200, merged.get_json()

    api_error(upload(api("staff1"), idea.ref, ("อีกภาพ.png", photo())), 409, "conflict")
    api_error(api("staff1").delete(f"/ideas/{idea.ref}/attachments/{added['id']}"), 409,
              "conflict")  # fmt: skip
    assert api("staff3").get(f"/ideas/{idea.ref}/attachments/{added['id']}",
                             buffered=True).status_code == 200  # fmt: skip


def test_the_document_lists_the_file_endpoints_with_a_multipart_body(client, people):
    document = client.get("/api/v1/openapi.json").get_json()

    post = document["paths"]["/ideas/{ref}/attachments"]["post"]
    body = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body == {"$ref": "#/components/schemas/AttachmentUpload"}
    upload_schema = document["components"]["schemas"]["AttachmentUpload"]
    assert upload_schema["properties"]["file"]["items"] == {"type": "string", "format": "binary"}
    assert upload_schema["required"] == ["file"]
    download = document["paths"]["/ideas/{ref}/attachments/{attachment_id}"]["get"]
    assert {"application/pdf", "image/png"} <= set(download["responses"]["200"]["content"])
    assert "delete" in document["paths"]["/ideas/{ref}/attachments/{attachment_id}"]
    assert "413" in post["responses"]


def test_a_docx_is_told_apart_from_a_plain_zip(api, team_idea):
    idea = team_idea("draft")

    response = upload(api("staff1"), idea.ref, ("บันทึกข้อความ", docx()))

    [added] = response.get_json()["items"]
    assert added["name"] == "บันทึกข้อความ.docx"
    assert added["content_type"].endswith("wordprocessingml.document")
