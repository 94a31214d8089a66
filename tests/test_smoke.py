def test_pages_render(login, make_idea):
    idea = make_idea(stage="implemented")
    draft = make_idea()
    client = login("staff1")
    for path in [
        "/ideas/",
        "/ideas/new",
        "/ideas/quick",
        f"/ideas/{idea.ref}",
        f"/ideas/{draft.ref}",
        f"/ideas/{draft.ref}/edit",
        "/ideas/?mine=1",
        "/healthz",
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:3000])
