"""Demo content for the Ideaboard demo seed: sub-units, users and ideas.

Pure data.  Unit codes extend the reference tree in ``data/bma_units.csv``:
every district office D1001..D1050 gets the sections in
``SUBUNIT_TEMPLATES_DISTRICT`` (code ``f"{district}-{suffix}"``, kind "section"),
every hospital MED-H01..MED-H11 gets the departments in
``SUBUNIT_TEMPLATES_HOSPITAL`` (code ``f"{hospital}-{suffix}"``, kind
"department"), and ``EXTRA_UNITS`` adds a few deeper or bureau-level units.

Ideas carry Common Era dates; ``history`` is replayed in order after the idea
is created as a draft (a ``merge`` goes into the idea titled ``merge_into``).
All names of people are invented.
"""

from __future__ import annotations

from ideaboard.workflow.models import Action

# ---------------------------------------------------------------------------
# Org units
# ---------------------------------------------------------------------------

SUBUNIT_TEMPLATES_DISTRICT = [
    ("ADM", "ฝ่ายปกครอง", "Administration Section"),
    ("REG", "ฝ่ายทะเบียน", "Civil Registration Section"),
    ("FIN", "ฝ่ายการคลัง", "Finance Section"),
    ("REV", "ฝ่ายรายได้", "Revenue Section"),
    ("PWK", "ฝ่ายโยธา", "Public Works Section"),
    ("CLE", "ฝ่ายเทศกิจ", "City Law Enforcement Section"),
    ("ENV", "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล", "Environment and Sanitation Section"),
    ("CLN", "ฝ่ายรักษาความสะอาดและสวนสาธารณะ", "Cleansing and Public Parks Section"),
    ("SOC", "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม", "Community Development and Social Welfare Section"),
    ("EDU", "ฝ่ายการศึกษา", "Education Section"),
]

SUBUNIT_TEMPLATES_HOSPITAL = [
    ("OPD", "กลุ่มงานผู้ป่วยนอก", "Outpatient Department"),
    ("MRD", "กลุ่มงานเวชระเบียนและสถิติ", "Medical Records and Statistics Department"),
    ("IMD", "กลุ่มงานอายุรกรรม", "Internal Medicine Department"),
    ("NUR", "กลุ่มงานการพยาบาล", "Nursing Department"),
    ("ER", "กลุ่มงานเวชศาสตร์ฉุกเฉิน", "Emergency Medicine Department"),
    ("PHA", "กลุ่มงานเภสัชกรรม", "Pharmacy Department"),
    ("MT", "กลุ่มงานเทคนิคการแพทย์", "Medical Technology Department"),
    ("RAD", "กลุ่มงานรังสีวิทยา", "Radiology Department"),
]

EXTRA_UNITS = [
    # code, parent_code, kind, name_th, name_en
    ("MED-H02-MT-MICRO", "MED-H02-MT", "section", "งานจุลชีววิทยา", "Microbiology Unit"),
    ("MED-H02-MT-CHEM", "MED-H02-MT", "section", "งานเคมีคลินิก", "Clinical Chemistry Unit"),
    ("MED-H07-MT-MICRO", "MED-H07-MT", "section", "งานจุลชีววิทยา", "Microbiology Unit"),
    (
        "CSC-PSD",
        "CSC",
        "division",
        "กองพัฒนาระบบราชการกรุงเทพมหานคร",
        "Public Sector Development Division",
    ),
    ("CSC-REC", "CSC", "division", "กองสรรหาบุคคล", "Recruitment Division"),
    ("FIN-REV", "FIN", "division", "กองรายได้", "Revenue Division"),
    ("FIN-TRS", "FIN", "division", "กองการเงิน", "Treasury Division"),
    ("PWK-BCO", "PWK", "division", "สำนักงานควบคุมอาคาร", "Building Control Office"),
    ("PWK-BCO-PLN", "PWK-BCO", "section", "ส่วนพิจารณาแบบ", "Plan Review Section"),
    ("PSO-ITC", "PSO", "division", "กองเทคโนโลยีสารสนเทศ", "Information Technology Division"),
]

# ---------------------------------------------------------------------------
# Users (password for all demo accounts is set by the seed)
# ---------------------------------------------------------------------------

DEMO_USERS = [
    # --- the seven accounts promised by the spec --------------------------
    {
        "username": "staff1",
        "display_name": "นางสาวพิมพ์ชนก ศรีสุข",
        "position": "เจ้าพนักงานปกครองปฏิบัติงาน",
        "unit": "D1001-REG",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "staff2",
        "display_name": "นายธนากร วงศ์สวัสดิ์",
        "position": "เจ้าพนักงานปกครองชำนาญงาน",
        "unit": "D1001-REG",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "staff3",
        "display_name": "นางวรรณา แก้วประเสริฐ",
        "position": "นักจัดการงานทั่วไปปฏิบัติการ",
        "unit": "D1001-REG",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "supervisor1",
        "display_name": "นายประเสริฐ บุญมา",
        "position": "ผู้ช่วยผู้อำนวยการเขตพระนคร",
        "unit": "D1001",
        "roles": [],
        "supervises": ["D1001-REG"],
        "locale": "th",
    },
    {
        "username": "committee1",
        "display_name": "นางศศิธร อินทรวงศ์",
        "position": "นักทรัพยากรบุคคลเชี่ยวชาญ",
        "unit": "CSC",
        "roles": ["committee"],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "secretariat1",
        "display_name": "นางสาวกัญญารัตน์ พูลผล",
        "position": "นักทรัพยากรบุคคลชำนาญการ",
        "unit": "CSC-PSD",
        "roles": ["secretariat"],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "admin",
        "display_name": "นายอนุชา ทองดี",
        "position": "นักวิชาการคอมพิวเตอร์ชำนาญการ",
        "unit": "PSO",
        "roles": ["admin"],
        "supervises": [],
        "locale": "th",
    },
    # --- a second judge ---------------------------------------------------
    {
        "username": "committee2",
        "display_name": "นายวีระพงษ์ ศักดิ์ดี",
        "position": "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
        "unit": "SEV",
        "roles": ["committee"],
        "supervises": [],
        "locale": "th",
    },
    # --- Ratchaphiphat Hospital (MED-H07) ---------------------------------
    {
        "username": "rpp_director",
        "display_name": "นายแพทย์สุรชัย ธนวัฒน์",
        "position": "ผู้อำนวยการโรงพยาบาลราชพิพัฒน์",
        "unit": "MED-H07",
        "roles": [],
        "supervises": ["MED-H07"],
        "locale": "th",
    },
    {
        "username": "rpp_doctor",
        "display_name": "แพทย์หญิงกนกวรรณ เลิศปัญญา",
        "position": "นายแพทย์ชำนาญการพิเศษ",
        "unit": "MED-H07-IMD",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "rpp_nurse",
        "display_name": "นางสาวสุภาวดี จันทร์หอม",
        "position": "พยาบาลวิชาชีพชำนาญการ",
        "unit": "MED-H07-NUR",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "rpp_pharm",
        "display_name": "เภสัชกรหญิงณัฐธิดา มีสุข",
        "position": "เภสัชกรชำนาญการ",
        "unit": "MED-H07-PHA",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "rpp_mrd",
        "display_name": "นายกิตติศักดิ์ แสงทอง",
        "position": "เจ้าพนักงานเวชสถิติชำนาญงาน",
        "unit": "MED-H07-MRD",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    # --- Taksin Hospital (MED-H02) ----------------------------------------
    {
        "username": "tks_director",
        "display_name": "แพทย์หญิงอรวรรณ ศรีวิไล",
        "position": "ผู้อำนวยการโรงพยาบาลตากสิน",
        "unit": "MED-H02",
        "roles": [],
        "supervises": ["MED-H02"],
        "locale": "th",
    },
    {
        "username": "tks_mt_head",
        "display_name": "นางจิราพร พงษ์ไพบูลย์",
        "position": "นักเทคนิคการแพทย์ชำนาญการพิเศษ (หัวหน้ากลุ่มงานเทคนิคการแพทย์)",
        "unit": "MED-H02-MT",
        "roles": [],
        "supervises": ["MED-H02-MT"],
        "locale": "th",
    },
    {
        "username": "tks_micro1",
        "display_name": "นางสาวอรุณี ทรัพย์มาก",
        "position": "นักเทคนิคการแพทย์ชำนาญการ",
        "unit": "MED-H02-MT-MICRO",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "tks_micro2",
        "display_name": "นายณัฐพล วิริยะกุล",
        "position": "นักเทคนิคการแพทย์ปฏิบัติการ",
        "unit": "MED-H02-MT-MICRO",
        "roles": [],
        "supervises": [],
        "locale": "en",
    },
    {
        "username": "tks_pharm",
        "display_name": "นางสาวปาริชาติ เกษมสันต์",
        "position": "เภสัชกรปฏิบัติการ",
        "unit": "MED-H02-PHA",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    # --- Min Buri District Office (D1010) ---------------------------------
    {
        "username": "mnb_director",
        "display_name": "นายสมชาย รัตนพันธ์",
        "position": "ผู้อำนวยการเขตมีนบุรี",
        "unit": "D1010",
        "roles": [],
        "supervises": ["D1010"],
        "locale": "th",
    },
    {
        "username": "mnb_reg1",
        "display_name": "นางสาวจันทร์เพ็ญ ประทุมทอง",
        "position": "เจ้าพนักงานปกครองชำนาญงาน",
        "unit": "D1010-REG",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "mnb_rev1",
        "display_name": "นายพงศกร สุขเจริญ",
        "position": "เจ้าพนักงานจัดเก็บรายได้ชำนาญงาน",
        "unit": "D1010-REV",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    # --- Khlong Toei District Office, Public Works (D1033-PWK) ------------
    {
        "username": "ktoei_pwk_head",
        "display_name": "นายวิชัย มั่นคง",
        "position": "หัวหน้าฝ่ายโยธา (วิศวกรโยธาชำนาญการพิเศษ)",
        "unit": "D1033-PWK",
        "roles": [],
        "supervises": ["D1033-PWK"],
        "locale": "th",
    },
    {
        "username": "ktoei_eng1",
        "display_name": "นายวิศรุต ชัยมงคล",
        "position": "วิศวกรโยธาชำนาญการ",
        "unit": "D1033-PWK",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    {
        "username": "ktoei_insp1",
        "display_name": "นายเอกชัย บุญประเสริฐ",
        "position": "นายช่างโยธาชำนาญงาน",
        "unit": "D1033-PWK",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    # --- Bang Khen District Office, City Law Enforcement (D1005-CLE) ------
    {
        "username": "bkn_cle_head",
        "display_name": "นายสุเมธ ทองประยูร",
        "position": "หัวหน้าฝ่ายเทศกิจ",
        "unit": "D1005-CLE",
        "roles": [],
        "supervises": ["D1005-CLE"],
        "locale": "th",
    },
    {
        "username": "bkn_cle1",
        "display_name": "นางสาวมณีรัตน์ อ่อนละมัย",
        "position": "เจ้าพนักงานเทศกิจชำนาญงาน",
        "unit": "D1005-CLE",
        "roles": [],
        "supervises": [],
        "locale": "th",
    },
    # --- heads of the offices above the sections (so every idea has a reviewer) ---
    {
        "username": "pnk_director",
        "display_name": "นางวรรณา ศรีสวัสดิ์",
        "position": "ผู้อำนวยการเขตพระนคร",
        "unit": "D1001",
        "roles": [],
        "supervises": ["D1001"],
        "locale": "th",
    },
    {
        "username": "ktoei_director",
        "display_name": "นายธนพล แก้วประเสริฐ",
        "position": "ผู้อำนวยการเขตคลองเตย",
        "unit": "D1033",
        "roles": [],
        "supervises": ["D1033"],
        "locale": "th",
    },
    {
        "username": "bkn_director",
        "display_name": "นางสาวกมลชนก วงศ์ใหญ่",
        "position": "ผู้อำนวยการเขตบางเขน",
        "unit": "D1005",
        "roles": [],
        "supervises": ["D1005"],
        "locale": "th",
    },
    {
        "username": "med_director",
        "display_name": "นายแพทย์อนุชา พิพัฒน์กุล",
        "position": "ผู้อำนวยการสำนักการแพทย์",
        "unit": "MED",
        "roles": [],
        "supervises": ["MED"],
        "locale": "th",
    },
]


# ---------------------------------------------------------------------------
# Ideas
# ---------------------------------------------------------------------------

DEMO_IDEAS = [
    # 1. Implemented (7 -> 4 steps): the 2022 per-process winner, Ratchaphiphat.
    {
        "author": "rpp_doctor",
        "coauthors": ["rpp_nurse", "rpp_pharm"],
        "unit": "MED-H07-IMD",
        "created": "2024-06-12",
        "title": "การดูแลรักษาผู้ป่วยโควิด-19 แบบครบวงจร",
        "eh_moment": (
            "ช่วงระบาดหนัก ผู้ป่วยที่ตรวจ ATK ขึ้นสองขีดมาต่อแถวหน้าโรงพยาบาลตั้งแต่ตีห้า "
            "ส่วนใหญ่อาการเล็กน้อยแต่ต้องนั่งรอทั้งวัน ขณะที่คนที่ออกซิเจนเริ่มตกกลับเข้าไม่ถึงแพทย์ "
            "เอ๊ะ ทำไมทุกคนต้องมาที่โรงพยาบาล ในเมื่อคนส่วนใหญ่ดูแลที่บ้านได้ถ้าเรามีระบบติดตาม"
        ),
        "process_name": "การคัดกรอง รักษา และส่งต่อผู้ป่วยโควิด-19",
        "service": "บริการตรวจรักษาผู้ป่วยโรคติดเชื้อ",
        "category": "process",
        "annual_volume": 9600,
        "solution": (
            "เปิดช่องทางแจ้งผลตรวจผ่าน LINE OA และสายด่วนของโรงพยาบาล พยาบาลคัดแยกผู้ป่วยตามระดับสี "
            "(เขียว เหลือง แดง) ทางโทรศัพท์หรือวิดีโอคอล กลุ่มสีเขียวเข้าระบบดูแลที่บ้าน (Home Isolation) "
            "มีแพทย์ติดตามทุกวันและส่งยาพร้อมเครื่องวัดออกซิเจนปลายนิ้วถึงบ้าน ส่วนกลุ่มสีเหลืองและแดง "
            "เข้ารักษาผ่านช่องทางด่วนที่กันเตียงไว้ล่วงหน้า โดยเชื่อมต่อกับศูนย์บริการสาธารณสุขในพื้นที่"
        ),
        "value": (
            "ผู้ป่วยไม่ต้องเดินทางมาแออัดที่โรงพยาบาล ลดความเสี่ยงแพร่เชื้อ ผู้ป่วยอาการหนักได้เตียงเร็วขึ้น "
            "บุคลากรไม่ต้องโทรหาเตียงทีละราย และเตียงในโรงพยาบาลถูกใช้กับผู้ที่จำเป็นจริง"
        ),
        "stakeholders": ["citizens", "colleagues", "other_units", "partners"],
        "stakeholders_other": "ศูนย์บริการสาธารณสุขของสำนักอนามัย อาสาสมัครส่งยา",
        "current_steps": [
            {
                "description": "ผู้ป่วยเดินทางมาโรงพยาบาลและต่อคิวที่จุดคัดกรองหน้าโรงพยาบาล",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 180,
                "citizen_present": True,
            },
            {
                "description": "พยาบาลซักประวัติ วัดไข้ และวัดออกซิเจนปลายนิ้ว",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เก็บตัวอย่างตรวจ RT-PCR และนัดผู้ป่วยกลับมาฟังผลวันรุ่งขึ้น",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 1440,
                "citizen_present": False,
            },
            {
                "description": "ผู้ป่วยกลับมาโรงพยาบาลอีกครั้งเพื่อฟังผลและรอพบแพทย์",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 120,
                "citizen_present": True,
            },
            {
                "description": "แพทย์ประเมินความรุนแรงและสั่งการรักษา",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอรับยาที่ห้องยา",
                "actor": "staff",
                "work_minutes": 5,
                "wait_minutes": 60,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่โทรประสานหาเตียงในโรงพยาบาลอื่นหรือฮอสพิเทลทีละแห่ง ผู้ป่วยรอที่บ้าน",
                "actor": "other_unit",
                "work_minutes": 60,
                "wait_minutes": 2880,
                "citizen_present": False,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้ป่วยแจ้งผลตรวจ ATK และอาการเบื้องต้นผ่าน LINE OA หรือสายด่วนของโรงพยาบาล",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 30,
                "citizen_present": False,
            },
            {
                "description": "พยาบาลคัดแยกผู้ป่วยตามระดับสี (เขียว เหลือง แดง) ทางโทรศัพท์หรือวิดีโอคอล",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 60,
                "citizen_present": False,
            },
            {
                "description": "กลุ่มสีเขียวเข้าระบบ Home Isolation แพทย์ติดตามทางวิดีโอคอล และส่งยาพร้อมเครื่องวัดออกซิเจนถึงบ้าน",
                "actor": "staff",
                "work_minutes": 20,
                "wait_minutes": 240,
                "citizen_present": False,
            },
            {
                "description": "กลุ่มสีเหลืองและแดงเข้ารักษาในโรงพยาบาลผ่านช่องทางด่วนที่กันเตียงไว้ล่วงหน้า",
                "actor": "staff",
                "work_minutes": 30,
                "wait_minutes": 120,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "rpp_doctor", None),
            (Action.APPROVE, "rpp_director", "เห็นชอบ ให้ทีมอายุรกรรม การพยาบาล และเภสัชกรรมทำร่วมกัน"),
            (Action.START_PILOT, "rpp_director", "นำร่องกับผู้ป่วยในเขตหนองแขมและบางแคก่อน 2 สัปดาห์"),
            (Action.IMPLEMENT, "rpp_director", "ขยายผลใช้กับผู้ป่วยโควิด-19 ทุกรายของโรงพยาบาล"),
        ],
        "measured": {
            "steps_after": 4,
            "minutes_after": 525,
            "cases_since": 21400,
            "evidence": (
                "สถิติศูนย์ดูแลผู้ป่วยโควิด-19 ของโรงพยาบาล: ผู้ป่วยสีเขียวได้รับยาภายในวันเดียวกับที่แจ้ง "
                "ร้อยละ 92 ระยะรอเตียงของผู้ป่วยสีเหลืองลดจากเฉลี่ย 2 วันเหลือไม่เกิน 4 ชั่วโมง "
                "และได้รับรางวัลคุณภาพการให้บริการ ระดับดีเด่น ประเภทรายกระบวนงาน ปีงบประมาณ พ.ศ. 2565"
            ),
        },
    },
    # 2. Implemented (4 -> 4 steps, minutes drop): the 2022 service-innovation winner, Taksin.
    {
        "author": "tks_micro1",
        "coauthors": ["tks_micro2"],
        "unit": "MED-H02-MT-MICRO",
        "created": "2024-07-08",
        "title": "แอนติไบโอแกรมเจ้าปัญญา",
        "eh_moment": (
            "แพทย์โทรมาถามงานจุลชีวะแทบทุกวันว่าเชื้อในหอผู้ป่วยนี้ควรเริ่มยาตัวไหนก่อนผลเพาะเชื้อออก "
            "ทั้งที่ตาราง antibiogram ของโรงพยาบาลเราทำอยู่แล้ว แต่พิมพ์ปีละครั้งแล้วแปะไว้ในห้องแล็บ "
            "เอ๊ะ ข้อมูลความไวของเชื้อที่เราทดสอบทุกวัน ทำไมไปไม่ถึงมือแพทย์ตอนที่ต้องตัดสินใจสั่งยา"
        ),
        "process_name": "การเลือกยาปฏิชีวนะเริ่มต้นและรายงานผลความไวของเชื้อต่อยา",
        "service": "บริการตรวจวิเคราะห์ทางจุลชีววิทยา",
        "category": "service_innovation",
        "annual_volume": 14000,
        "solution": (
            "พัฒนาแอนติไบโอแกรมแบบอิเล็กทรอนิกส์ที่ดึงข้อมูลจากเครื่องทดสอบความไวของเชื้อทุกเดือน "
            "แยกตามหอผู้ป่วยและชนิดสิ่งส่งตรวจ แพทย์เปิดดูได้จาก HIS หรือสแกน QR code ที่หอผู้ป่วย "
            "ระบบแนะนำยาเริ่มต้นตามผลย้อม Gram stain และเตือนเภสัชกรเมื่อยาที่สั่งไม่สอดคล้องกับแนวโน้มเชื้อดื้อยา"
        ),
        "value": (
            "ผู้ป่วยได้ยาที่เหมาะสมเร็วขึ้น ลดการใช้ยาปฏิชีวนะกลุ่มสำรองโดยไม่จำเป็น ลดการโทรถามข้อมูลระหว่างแพทย์กับห้องแล็บ "
            "และข้อมูลเชื้อดื้อยาของโรงพยาบาลเป็นปัจจุบันเสมอ"
        ),
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "คณะกรรมการป้องกันและควบคุมการติดเชื้อในโรงพยาบาล",
        "current_steps": [
            {
                "description": "แพทย์ส่งตรวจเพาะเชื้อและเลือกยาปฏิชีวนะเริ่มต้นจากประสบการณ์",
                "actor": "other_unit",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "แพทย์หรือเภสัชกรโทรถามงานจุลชีววิทยาเรื่องแนวโน้มเชื้อดื้อยาในหอผู้ป่วย",
                "actor": "other_unit",
                "work_minutes": 10,
                "wait_minutes": 20,
                "citizen_present": False,
            },
            {
                "description": "นักเทคนิคการแพทย์ค้นข้อมูลจากตาราง antibiogram รายปีในไฟล์ Excel แล้วโทรตอบกลับ",
                "actor": "staff",
                "work_minutes": 20,
                "wait_minutes": 30,
                "citizen_present": False,
            },
            {
                "description": "รายงานผลเพาะเชื้อและความไวต่อยาบนกระดาษหลังเพาะเชื้อ 3–5 วัน แพทย์ปรับยาตามผล",
                "actor": "staff",
                "work_minutes": 30,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
        ],
        "proposed_steps": [
            {
                "description": "แพทย์ส่งตรวจเพาะเชื้อและเปิดแอนติไบโอแกรมเจ้าปัญญาผ่าน HIS หรือ QR code ดูยาที่เชื้อในหอผู้ป่วยนั้นไวที่สุด",
                "actor": "other_unit",
                "work_minutes": 3,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "งานจุลชีววิทยารายงานผลย้อม Gram stain ภายใน 1 ชั่วโมง ระบบแนะนำยาเริ่มต้นให้ตรงกับผล",
                "actor": "staff",
                "work_minutes": 5,
                "wait_minutes": 60,
                "citizen_present": False,
            },
            {
                "description": "ระบบเตือนเภสัชกรเมื่อยาที่สั่งไม่สอดคล้องกับแนวโน้มความไวของเชื้อ เภสัชกรประสานแพทย์",
                "actor": "other_unit",
                "work_minutes": 5,
                "wait_minutes": 30,
                "citizen_present": False,
            },
            {
                "description": "รายงานผลเพาะเชื้อและความไวต่อยาผ่าน HIS พร้อมคำแนะนำการปรับลดยา (de-escalation)",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 2880,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "tks_micro1", None),
            (Action.APPROVE, "tks_mt_head", "ประสานกลุ่มงานเภสัชกรรมและทีม IT ของโรงพยาบาลแล้ว"),
            (Action.IMPLEMENT, "tks_mt_head", "ใช้งานจริงทุกหอผู้ป่วยตั้งแต่ต้นเดือน"),
        ],
        "measured": {
            "steps_after": 4,
            "minutes_after": 2998,
            "cases_since": 16800,
            "evidence": (
                "รายงานจาก HIS: แพทย์เปิดดูแอนติไบโอแกรมเฉลี่ย 900 ครั้งต่อเดือน การโทรถามข้อมูลเชื้อดื้อยาลดลงเกือบทั้งหมด "
                "สัดส่วนการสั่งยาเริ่มต้นที่เชื้อไวต่อยาเพิ่มจากร้อยละ 68 เป็นร้อยละ 85 "
                "และได้รับรางวัลคุณภาพการให้บริการ ระดับดีเด่น ประเภทนวัตกรรมการให้บริการ ปีงบประมาณ พ.ศ. 2565"
            ),
        },
    },
    # 3. Implemented (5 -> 3), went through a return first.
    {
        "author": "staff1",
        "coauthors": ["staff2"],
        "unit": "D1001-REG",
        "created": "2024-09-16",
        "title": "คัดสำเนาทะเบียนบ้านเสร็จในช่องเดียว ไม่ต้องเดินไปช่องการเงิน",
        "eh_moment": (
            "คุณยายท่านหนึ่งมาขอสำเนาทะเบียนบ้านไปยื่นขอเบี้ยยังชีพ นั่งรอเกือบชั่วโมงเพื่อกระดาษแผ่นเดียว "
            "แล้วยังต้องเดินไปต่อคิวจ่ายเงินอีกช่องหนึ่ง เอ๊ะ ข้อมูลก็อยู่ในบัตรประชาชนอยู่แล้ว "
            "ทำไมต้องให้ท่านกรอกคำร้องด้วยมือและเดินหลายช่อง"
        ),
        "process_name": "การขอคัดและรับรองสำเนาทะเบียนบ้าน (ท.ร.14)",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 18000,
        "solution": (
            "ใช้เครื่องอ่านบัตรประชาชนดึงข้อมูลกรอกคำร้องอัตโนมัติ ให้นายทะเบียนผู้ช่วยประจำโต๊ะหลังเคาน์เตอร์ลงนามทันที "
            "แทนการรวบรวมเป็นชุด และรับชำระค่าธรรมเนียมด้วย QR code ที่ช่องบริการเดียวกัน "
            "พร้อมเปิดจองคิวล่วงหน้าผ่าน LINE OA ของสำนักงานเขต"
        ),
        "value": (
            "ประชาชนใช้เวลาที่เขตจากราว 1 ชั่วโมงครึ่งเหลือไม่ถึง 20 นาที เจ้าหน้าที่ไม่ต้องถ่ายสำเนาบัตรและคีย์ข้อมูลซ้ำ "
            "ช่องการเงินมีคิวน้อยลงสำหรับงานอื่น"
        ),
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "ฝ่ายการคลัง สำนักงานเขตพระนคร",
        "current_steps": [
            {
                "description": "ประชาชนรับบัตรคิวและรอเรียกที่ช่องบริการงานทะเบียน",
                "actor": "citizen",
                "work_minutes": 2,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "ประชาชนกรอกแบบคำร้องด้วยลายมือและยื่นพร้อมบัตรประจำตัวประชาชน",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจสอบเอกสาร ถ่ายสำเนาบัตร ค้นข้อมูลในระบบและพิมพ์สำเนาทะเบียนบ้าน",
                "actor": "staff",
                "work_minutes": 6,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "รอนายทะเบียนผู้ช่วยลงนามรับรองสำเนา ซึ่งรวบรวมลงนามเป็นชุดทุก 30 นาที",
                "actor": "staff",
                "work_minutes": 1,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "ประชาชนชำระค่าธรรมเนียมที่ช่องการเงินแล้วกลับมารับเอกสาร",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 10,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ประชาชนจองคิวล่วงหน้าผ่าน LINE OA ของเขต หรือรับคิวจากตู้ Kiosk หน้าสำนักงาน",
                "actor": "citizen",
                "work_minutes": 2,
                "wait_minutes": 10,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่เสียบบัตรประชาชนที่เครื่องอ่านบัตร ระบบกรอกคำร้องให้อัตโนมัติ และพิมพ์สำเนา",
                "actor": "staff",
                "work_minutes": 4,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "นายทะเบียนผู้ช่วยลงนามทันที ประชาชนชำระค่าธรรมเนียมด้วย QR code และรับเอกสารที่ช่องเดียวกัน",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 3,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "staff1", None),
            (
                Action.RETURN,
                "supervisor1",
                "ขอให้จับเวลาจริงที่ช่องบริการอย่างน้อย 1 สัปดาห์ และยืนยันกับฝ่ายการคลังก่อนว่ารับชำระค่าธรรมเนียมผ่าน QR code ที่ช่องทะเบียนได้",
            ),
            (Action.SUBMIT, "staff1", "แนบผลจับเวลา 5 วันทำการ (212 ราย) และบันทึกยืนยันจากฝ่ายการคลังแล้ว"),
            (Action.APPROVE, "supervisor1", "เห็นชอบ เริ่มใช้ได้ทันที"),
            (Action.IMPLEMENT, "supervisor1", "ใช้กับทุกช่องบริการงานทะเบียนตั้งแต่ 1 พ.ย."),
        ],
        "measured": {
            "steps_after": 3,
            "minutes_after": 19,
            "cases_since": 14250,
            "evidence": (
                "สุ่มจับเวลา 300 รายในเดือน ม.ค.–ก.พ. เวลาเฉลี่ยตั้งแต่รับคิวถึงรับเอกสาร 19 นาที "
                "แบบสอบถามความพึงพอใจผู้รับบริการเฉลี่ย 4.7 จาก 5"
            ),
        },
    },
    # 4. Implemented (5 -> 3), property tax paid by QR code.
    {
        "author": "mnb_rev1",
        "coauthors": [],
        "unit": "D1010-REV",
        "created": "2024-12-03",
        "title": "พิมพ์ QR code ลงหนังสือแจ้งประเมินภาษีที่ดินฯ ให้จ่ายได้โดยไม่ต้องมาเขต",
        "eh_moment": (
            "เดือนเมษายนคิวหน้าฝ่ายรายได้ยาวออกไปถึงลานจอดรถ พอถามดูส่วนใหญ่มาแค่จ่ายเงินตามยอดในหนังสือแจ้งประเมินที่ได้รับทางไปรษณีย์แล้ว "
            "เอ๊ะ ในเมื่อยอดเงินชัดเจนอยู่แล้ว ทำไมต้องมาที่เขต"
        ),
        "process_name": "การชำระภาษีที่ดินและสิ่งปลูกสร้าง",
        "service": "งานจัดเก็บรายได้",
        "category": "process",
        "annual_volume": 22000,
        "solution": (
            "พิมพ์ QR code สำหรับชำระเงินเฉพาะรายลงบนหนังสือแจ้งประเมินภาษีทุกฉบับ ประชาชนสแกนจ่ายผ่าน mobile banking "
            "ได้ตลอด 24 ชั่วโมง ระบบกระทบยอดกับธนาคารอัตโนมัติและส่งใบเสร็จอิเล็กทรอนิกส์ทางอีเมลหรือ SMS"
        ),
        "value": (
            "ผู้เสียภาษีไม่ต้องลางานมาเขต เจ้าหน้าที่เลิกเขียนใบเสร็จด้วยมือและลงทะเบียนคุมซ้ำ "
            "ลดเงินสดในมือและความเสี่ยงการรับเงินผิดพลาด"
        ),
        "stakeholders": ["citizens", "colleagues", "other_units", "partners"],
        "stakeholders_other": "กองรายได้ สำนักการคลัง ธนาคารผู้ให้บริการรับชำระ",
        "current_steps": [
            {
                "description": "ประชาชนเดินทางมาเขตพร้อมหนังสือแจ้งประเมินภาษี และรับบัตรคิวที่ฝ่ายรายได้",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 45,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ค้นแฟ้มผู้เสียภาษีและตรวจสอบยอดในระบบ",
                "actor": "staff",
                "work_minutes": 8,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่คำนวณเบี้ยปรับและเงินเพิ่ม (ถ้ามี) และออกใบนำชำระ",
                "actor": "staff",
                "work_minutes": 5,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ประชาชนชำระเงินสดที่ช่องการเงิน",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 15,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่เขียนใบเสร็จรับเงินและบันทึกรายการลงทะเบียนคุม",
                "actor": "staff",
                "work_minutes": 7,
                "wait_minutes": 0,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "เขตพิมพ์ QR code ชำระเงินเฉพาะรายลงบนหนังสือแจ้งประเมินภาษีทุกฉบับก่อนส่งไปรษณีย์",
                "actor": "staff",
                "work_minutes": 1,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "ประชาชนสแกน QR code ชำระผ่าน mobile banking ได้ตลอด 24 ชั่วโมง",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "ระบบกระทบยอดกับธนาคารอัตโนมัติ และส่งใบเสร็จอิเล็กทรอนิกส์ทางอีเมลหรือ SMS",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 0,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "mnb_rev1", None),
            (
                Action.APPROVE,
                "mnb_director",
                "เห็นชอบ ให้ประสานกองรายได้ สำนักการคลัง เรื่องรูปแบบ QR code",
            ),
            (Action.START_PILOT, "mnb_director", "นำร่องกับหนังสือแจ้งประเมินของแขวงมีนบุรีก่อน"),
            (Action.IMPLEMENT, "mnb_director", "ใช้กับหนังสือแจ้งประเมินทุกฉบับของปีภาษี 2568"),
        ],
        "measured": {
            "steps_after": 3,
            "minutes_after": 6,
            "cases_since": 15600,
            "evidence": (
                "ปีภาษี 2568 มีผู้ชำระผ่าน QR code 13,420 ราย คิดเป็นร้อยละ 61 ของผู้ชำระทั้งหมด "
                "คิวหน้าฝ่ายรายได้ในเดือนเมษายนเหลือเฉลี่ยไม่เกิน 15 นาที (ข้อมูลจากระบบบัตรคิว)"
            ),
        },
    },
    # 5. Implemented: MORE steps after (self-service checks) but citizen visits 3 -> 1.
    {
        "author": "ktoei_eng1",
        "coauthors": ["ktoei_insp1"],
        "unit": "D1033-PWK",
        "created": "2025-02-18",
        "title": "ตรวจความครบของเอกสารขออนุญาตก่อสร้างออนไลน์ก่อนยื่น ลดการมาเขตซ้ำ",
        "eh_moment": (
            "เจ้าของบ้านรายหนึ่งมาเขตถึง 4 รอบ รอบแรกแบบขาดลายมือชื่อวิศวกร รอบสองขาดสำเนาโฉนด รอบสามขาดหนังสือยินยอมเจ้าของที่ดิน "
            "ทุกรอบต้องเริ่มต่อคิวใหม่ เอ๊ะ ถ้าเราบอกสิ่งที่ขาดให้ครบตั้งแต่ครั้งแรก เขาจะต้องมากี่ครั้ง"
        ),
        "process_name": "การขออนุญาตก่อสร้างอาคาร (แบบ ข.1)",
        "service": "งานควบคุมอาคาร",
        "category": "process",
        "annual_volume": 420,
        "solution": (
            "ทำรายการตรวจสอบเอกสาร (checklist) แยกตามประเภทอาคารบน BMA OSS ให้ผู้ขอตรวจและอัปโหลดแบบแปลน PDF ก่อน "
            "เจ้าหน้าที่ตรวจความครบถ้วนออนไลน์ภายใน 3 วันทำการและแจ้งสิ่งที่ต้องแก้ทั้งหมดในครั้งเดียว "
            "ผู้ขอมาเขตเพียงครั้งเดียวเพื่อยื่นแบบฉบับจริงตามนัด ใบอนุญาตส่งเป็นไฟล์อิเล็กทรอนิกส์"
        ),
        "value": (
            "ผู้ขอมาเขตจาก 3 ครั้งเหลือ 1 ครั้ง ระยะเวลารวมลดลงราว 2 สัปดาห์ "
            "นายตรวจและวิศวกรได้แบบที่ครบตั้งแต่ต้น ไม่ต้องพิจารณาแบบเดิมซ้ำหลายรอบ"
        ),
        "stakeholders": ["citizens", "colleagues", "other_units", "partners"],
        "stakeholders_other": "สำนักงานควบคุมอาคาร สำนักการโยธา สภาวิศวกรและสภาสถาปนิก (ผู้ออกแบบ)",
        "current_steps": [
            {
                "description": "ผู้ขออนุญาตยื่นคำขอ (แบบ ข.1) พร้อมแบบแปลนกระดาษ 5 ชุดที่ฝ่ายโยธา",
                "actor": "citizen",
                "work_minutes": 20,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจความครบถ้วนของเอกสาร หากขาดให้ผู้ขอนำกลับไปแก้ไข",
                "actor": "staff",
                "work_minutes": 30,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ผู้ขอนำเอกสารที่แก้ไขแล้วมายื่นใหม่และต่อคิวอีกครั้ง",
                "actor": "citizen",
                "work_minutes": 20,
                "wait_minutes": 10080,
                "citizen_present": True,
            },
            {
                "description": "นายตรวจออกตรวจสถานที่ วิศวกรพิจารณาแบบ และเสนอผู้อำนวยการเขตลงนาม",
                "actor": "staff",
                "work_minutes": 240,
                "wait_minutes": 43200,
                "citizen_present": False,
            },
            {
                "description": "ผู้ขอมารับใบอนุญาต (แบบ อ.1) และชำระค่าธรรมเนียมที่เขต",
                "actor": "citizen",
                "work_minutes": 15,
                "wait_minutes": 60,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้ขอตรวจเอกสารด้วยตนเองตาม checklist ออนไลน์บน BMA OSS และอัปโหลดแบบแปลน PDF",
                "actor": "citizen",
                "work_minutes": 60,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่ตรวจความครบถ้วนออนไลน์ภายใน 3 วันทำการ และแจ้งรายการที่ต้องแก้ทั้งหมดในครั้งเดียว",
                "actor": "staff",
                "work_minutes": 30,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "ผู้ขอแก้ไขและอัปโหลดเอกสารเพิ่มเติมทางออนไลน์",
                "actor": "citizen",
                "work_minutes": 30,
                "wait_minutes": 1440,
                "citizen_present": False,
            },
            {
                "description": "ผู้ขอนำแบบแปลนฉบับจริงมายื่นที่เขตตามวันเวลานัดหมาย ครั้งเดียว",
                "actor": "citizen",
                "work_minutes": 15,
                "wait_minutes": 10,
                "citizen_present": True,
            },
            {
                "description": "นายตรวจออกตรวจสถานที่ วิศวกรพิจารณาแบบ และเสนอผู้อำนวยการเขตลงนาม",
                "actor": "staff",
                "work_minutes": 240,
                "wait_minutes": 30240,
                "citizen_present": False,
            },
            {
                "description": "ส่งใบอนุญาตอิเล็กทรอนิกส์ทางอีเมล ผู้ขอชำระค่าธรรมเนียมผ่าน QR code",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "ktoei_eng1", None),
            (
                Action.APPROVE,
                "ktoei_pwk_head",
                "เห็นชอบ ให้ใช้ checklist ตามประเภทอาคารที่สำนักงานควบคุมอาคารกำหนด",
            ),
            (Action.START_PILOT, "ktoei_pwk_head", "นำร่องกับคำขอบ้านพักอาศัยไม่เกิน 2 ชั้นก่อน 3 เดือน"),
            (Action.IMPLEMENT, "ktoei_pwk_head", "ขยายเป็นทุกประเภทอาคาร"),
        ],
        "measured": {
            "steps_after": 6,
            "minutes_after": 36500,
            "cases_since": 310,
            "evidence": (
                "จากทะเบียนคุมคำขอ 310 ราย ผู้ขอร้อยละ 88 มาเขตเพียงครั้งเดียว (เดิมเฉลี่ย 2.9 ครั้ง) "
                "ระยะเวลาตั้งแต่ยื่นจนได้ใบอนุญาตเฉลี่ย 25 วัน จากเดิม 38 วัน"
            ),
        },
    },
    # 6. Implemented (5 -> 3): culture results via LINE OA.
    {
        "author": "tks_micro2",
        "coauthors": [],
        "unit": "MED-H02-MT-MICRO",
        "created": "2025-06-24",
        "title": "แจ้งผลเพาะเชื้อผู้ป่วยนอกผ่าน LINE OA ไม่ต้องกลับมาฟังผลที่โรงพยาบาล",
        "eh_moment": (
            "ผู้ป่วยติดเชื้อทางเดินปัสสาวะหลายคนต้องลางานกลับมาอีกวันเพื่อฟังผลเพาะเชื้อ ทั้งที่ครึ่งหนึ่งผลบอกว่ายาเดิมใช้ได้อยู่แล้ว "
            "เอ๊ะ ทำไมต้องให้เขามานั่งรอสามชั่วโมงเพื่อฟังว่ากินยาเดิมต่อ"
        ),
        "process_name": "การรายงานผลเพาะเชื้อและความไวต่อยาของผู้ป่วยนอก",
        "service": "บริการตรวจวิเคราะห์ทางจุลชีววิทยา",
        "category": "service_innovation",
        "annual_volume": 6500,
        "solution": (
            "ผู้ป่วยลงทะเบียนรับผลผ่าน LINE OA ของโรงพยาบาลด้วยการสแกน QR code ตอนส่งสิ่งส่งตรวจ "
            "เมื่อผลออก ระบบส่งข้อความแจ้ง หากยาเดิมได้ผลไม่ต้องมาโรงพยาบาล หากต้องเปลี่ยนยา พยาบาลโทรนัดพบแพทย์หรือส่งยาทางไปรษณีย์"
        ),
        "value": "ผู้ป่วยประหยัดเวลาและค่าเดินทาง ห้องตรวจมีผู้ป่วยฟังผลน้อยลงวันละ 15–20 ราย",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "กลุ่มงานผู้ป่วยนอก กลุ่มงานเภสัชกรรม",
        "current_steps": [
            {
                "description": "ผู้ป่วยส่งสิ่งส่งตรวจเพาะเชื้อและรับใบนัดฟังผลในอีก 3–5 วัน",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 20,
                "citizen_present": True,
            },
            {
                "description": "งานจุลชีววิทยาเพาะเชื้อและทดสอบความไวต่อยา",
                "actor": "staff",
                "work_minutes": 40,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "ผู้ป่วยกลับมาโรงพยาบาลตามนัด ยื่นบัตรและรอค้นแฟ้มเวชระเบียน",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 60,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอพบแพทย์เพื่อฟังผล",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 120,
                "citizen_present": True,
            },
            {
                "description": "แพทย์อ่านผลและสั่งยา ผู้ป่วยรอรับยาที่ห้องยา",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 60,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้ป่วยส่งสิ่งส่งตรวจ และสแกน QR code ลงทะเบียนรับผลผ่าน LINE OA ของโรงพยาบาล",
                "actor": "citizen",
                "work_minutes": 12,
                "wait_minutes": 20,
                "citizen_present": True,
            },
            {
                "description": "งานจุลชีววิทยาเพาะเชื้อและทดสอบความไวต่อยา",
                "actor": "staff",
                "work_minutes": 40,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "ระบบแจ้งผลทาง LINE OA ถ้าต้องเปลี่ยนยา พยาบาลโทรนัดพบแพทย์หรือส่งยาทางไปรษณีย์",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 60,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "tks_micro2", None),
            (
                Action.APPROVE,
                "tks_mt_head",
                "เห็นชอบ ให้ผ่านการพิจารณาเรื่องความปลอดภัยข้อมูลผู้ป่วยกับทีม IT ก่อนเปิดใช้",
            ),
            (Action.IMPLEMENT, "tks_mt_head", "เปิดใช้กับผู้ป่วยนอกทุกคลินิก"),
        ],
        "measured": {
            "steps_after": 3,
            "minutes_after": 4470,
            "cases_since": 3900,
            "evidence": (
                "ผู้ป่วยลงทะเบียนรับผลผ่าน LINE OA 3,900 ราย ในจำนวนนี้ร้อยละ 54 ไม่ต้องกลับมาโรงพยาบาล "
                "ไม่พบรายงานความคลาดเคลื่อนในการแจ้งผล"
            ),
        },
    },
    # 7. Piloting (5 -> 3): OPD pre-registration.
    {
        "author": "rpp_mrd",
        "coauthors": ["rpp_nurse"],
        "unit": "MED-H07-MRD",
        "created": "2025-08-05",
        "title": "ลงทะเบียนผู้ป่วยนัดล่วงหน้าผ่าน LINE OA และรับใบนำทางจากตู้ Kiosk",
        "eh_moment": (
            "ผู้ป่วยนัดมาถึงห้องบัตรตั้งแต่หกโมงเช้าทั้งที่นัดพบแพทย์สิบโมง เพราะกลัวคิวยาว "
            "เอ๊ะ เขามีนัดอยู่แล้ว ระบบรู้ล่วงหน้าว่าใครจะมา ทำไมต้องตรวจสิทธิการรักษาใหม่ทุกครั้งตอนเช้า"
        ),
        "process_name": "การลงทะเบียนและตรวจสอบสิทธิผู้ป่วยนอกที่มีนัด",
        "service": "บริการผู้ป่วยนอก",
        "category": "process",
        "annual_volume": 150000,
        "solution": (
            "ส่งข้อความเตือนนัดผ่าน LINE OA ให้ผู้ป่วยยืนยันตัวตนและยืนยันการมาล่วงหน้า ระบบตรวจสอบสิทธิการรักษาให้คืนก่อนวันนัด "
            "วันนัดผู้ป่วยเสียบบัตรประชาชนที่ตู้ Kiosk รับใบนำทางไปคลินิกได้ทันทีโดยไม่ผ่านห้องบัตร"
        ),
        "value": "ลดความแออัดหน้าห้องบัตรช่วงเช้า ผู้ป่วยมาตรงเวลานัด เจ้าหน้าที่เวชระเบียนมีเวลาดูแลผู้ป่วยใหม่และผู้สูงอายุมากขึ้น",
        "stakeholders": ["citizens", "colleagues", "partners"],
        "stakeholders_other": "สำนักงานหลักประกันสุขภาพแห่งชาติ (ระบบตรวจสอบสิทธิ)",
        "current_steps": [
            {
                "description": "ผู้ป่วยมารับบัตรคิวที่ห้องบัตรตั้งแต่เช้า",
                "actor": "citizen",
                "work_minutes": 2,
                "wait_minutes": 60,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยยื่นบัตรประชาชนและบัตรโรงพยาบาล เจ้าหน้าที่ค้นประวัติ",
                "actor": "staff",
                "work_minutes": 3,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจสอบสิทธิการรักษาผ่านระบบออนไลน์",
                "actor": "staff",
                "work_minutes": 4,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่พิมพ์ใบนำทางและส่งผู้ป่วยไปยังคลินิก",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอซักประวัติที่หน้าคลินิก",
                "actor": "citizen",
                "work_minutes": 0,
                "wait_minutes": 45,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้ป่วยยืนยันตัวตนและยืนยันนัดผ่าน LINE OA ระบบตรวจสิทธิการรักษาให้ล่วงหน้าหนึ่งวัน",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "วันนัด ผู้ป่วยเสียบบัตรประชาชนที่ตู้ Kiosk และรับใบนำทางทันที",
                "actor": "citizen",
                "work_minutes": 1,
                "wait_minutes": 5,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอซักประวัติที่หน้าคลินิกตามช่วงเวลานัด",
                "actor": "citizen",
                "work_minutes": 0,
                "wait_minutes": 25,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "rpp_mrd", None),
            (Action.APPROVE, "rpp_director", "เห็นชอบ"),
            (Action.START_PILOT, "rpp_director", "นำร่องที่คลินิกอายุรกรรมและคลินิกเบาหวานก่อน"),
        ],
        "measured": None,
    },
    # 8. Piloting (6 -> 4): birth registration with LINE OA pre-check.
    {
        "author": "mnb_reg1",
        "coauthors": [],
        "unit": "D1010-REG",
        "created": "2025-10-21",
        "title": "แจ้งเกิดแบบนัดหมาย ตรวจเอกสารผ่าน LINE OA ก่อนมาเขต",
        "eh_moment": (
            "คุณพ่อมือใหม่อุ้มเอกสารมาแจ้งเกิด รอคิวสี่สิบนาทีแล้วต้องกลับไปเอาหนังสือยินยอมของเจ้าบ้าน "
            "วันรุ่งขึ้นมาใหม่ยังสะกดชื่อลูกผิดอีก เอ๊ะ ถ้าเราเห็นเอกสารก่อนเขามา เรื่องนี้จบได้ในรอบเดียว"
        ),
        "process_name": "การรับแจ้งการเกิด (ออกสูติบัตร ท.ร.2)",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 2400,
        "solution": (
            "ให้ผู้แจ้งส่งภาพหนังสือรับรองการเกิด (ท.ร.1/1) สำเนาทะเบียนบ้าน และชื่อเด็กผ่าน LINE OA ของเขต "
            "เจ้าหน้าที่ตรวจเอกสาร แจ้งสิ่งที่ขาด และเตรียมร่างสูติบัตรไว้ล่วงหน้าพร้อมนัดเวลา "
            "วันนัดผู้แจ้งตรวจทานตัวสะกดแล้วนายทะเบียนลงนามมอบสูติบัตรได้ทันที"
        ),
        "value": "ผู้แจ้งมาเขตครั้งเดียว ลดความผิดพลาดการสะกดชื่อที่ต้องแก้ภายหลัง เจ้าหน้าที่กระจายงานได้ตามนัด",
        "stakeholders": ["citizens", "colleagues", "partners"],
        "stakeholders_other": "โรงพยาบาลในพื้นที่ที่ออกหนังสือรับรองการเกิด",
        "current_steps": [
            {
                "description": "ผู้แจ้งนำหนังสือรับรองการเกิด ทะเบียนบ้าน และบัตรประชาชนมายื่นที่ฝ่ายทะเบียน",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสาร หากเจ้าบ้านไม่มาด้วยต้องให้กลับไปนำหนังสือยินยอมของเจ้าบ้าน",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ผู้แจ้งกลับไปนำหนังสือยินยอมของเจ้าบ้านแล้วมายื่นใหม่ในวันถัดไป และรอคิวอีกครั้ง",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 1440,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่บันทึกข้อมูลลงระบบ ออกสูติบัตร และเพิ่มชื่อเด็กในทะเบียนบ้าน",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "รอนายทะเบียนลงนามในสูติบัตร",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "ผู้แจ้งตรวจทานตัวสะกดชื่อเด็กและรับเอกสาร",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 5,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้แจ้งส่งภาพหนังสือรับรองการเกิด ทะเบียนบ้าน และชื่อเด็กผ่าน LINE OA ของเขต",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสาร แจ้งสิ่งที่ขาด เตรียมร่างสูติบัตรล่วงหน้า และนัดวันเวลาภายในวันทำการเดียวกัน",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 240,
                "citizen_present": False,
            },
            {
                "description": "ผู้แจ้งมาตามนัดพร้อมเอกสารตัวจริง ตรวจทานตัวสะกดบนร่างสูติบัตร",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 10,
                "citizen_present": True,
            },
            {
                "description": "นายทะเบียนลงนามและมอบสูติบัตรทันที",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 5,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "mnb_reg1", None),
            (Action.APPROVE, "mnb_director", "เห็นชอบ ให้ระวังเรื่องการเก็บภาพเอกสารส่วนบุคคลตาม PDPA"),
            (Action.START_PILOT, "mnb_director", "นำร่อง 3 เดือน แล้วรายงานผลในที่ประชุมหัวหน้าฝ่าย"),
        ],
        "measured": None,
    },
    # 9. Approved (5 -> 3): pharmacy queue at Taksin.
    {
        "author": "tks_pharm",
        "coauthors": [],
        "unit": "MED-H02-PHA",
        "created": "2026-01-14",
        "title": "จัดยาล่วงหน้าสำหรับผู้ป่วยโรคเรื้อรังที่ใช้ยาเดิม ลดเวลารอรับยา",
        "eh_moment": (
            "ผู้ป่วยเบาหวานและความดันที่คุมได้ดีได้ยาชุดเดิมทุกสามเดือน แต่ต้องรอรับยาเกือบชั่วโมงเหมือนผู้ป่วยใบสั่งใหม่ "
            "เอ๊ะ ถ้าเรารู้ตั้งแต่เมื่อวานว่าเขาจะมาและใช้ยาเดิม ทำไมไม่จัดไว้ก่อน"
        ),
        "process_name": "การจ่ายยาผู้ป่วยนอกโรคเรื้อรัง",
        "service": "บริการเภสัชกรรมผู้ป่วยนอก",
        "category": "process",
        "annual_volume": 60000,
        "solution": (
            "ทุกบ่ายห้องยาดึงรายชื่อผู้ป่วยโรคเรื้อรังที่นัดวันถัดไปและใช้ยาเดิม จัดยาและตรวจสอบไว้ล่วงหน้า "
            "เมื่อแพทย์ยืนยันคำสั่งใช้ยาเดิมในระบบ เภสัชกรตรวจเฉพาะส่วนที่เปลี่ยน และจ่ายยาที่ช่องด่วน “ยาเดิม”"
        ),
        "value": "เวลารอรับยาของผู้ป่วยกลุ่มนี้ลดจากราว 1 ชั่วโมงเหลือไม่ถึง 15 นาที และช่วยกระจายภาระงานห้องยาจากช่วงเช้าไปช่วงบ่าย",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "กลุ่มงานอายุรกรรม กลุ่มงานผู้ป่วยนอก",
        "current_steps": [
            {
                "description": "ผู้ป่วยยื่นใบสั่งยาที่ช่องรับใบสั่งยาหลังพบแพทย์",
                "actor": "citizen",
                "work_minutes": 1,
                "wait_minutes": 5,
                "citizen_present": True,
            },
            {
                "description": "เภสัชกรคัดกรองใบสั่งยาและตรวจสอบปฏิกิริยาระหว่างยา",
                "actor": "staff",
                "work_minutes": 3,
                "wait_minutes": 20,
                "citizen_present": True,
            },
            {
                "description": "เจ้าพนักงานเภสัชกรรมจัดยาตามใบสั่ง",
                "actor": "staff",
                "work_minutes": 5,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "เภสัชกรตรวจสอบยาที่จัดแล้วอีกครั้งก่อนจ่าย",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 10,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอเรียกชื่อ รับยาและคำแนะนำการใช้ยา",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 15,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ช่วงบ่ายวันก่อนนัด ห้องยาจัดและตรวจสอบยาล่วงหน้าสำหรับผู้ป่วยที่ใช้ยาเดิม",
                "actor": "staff",
                "work_minutes": 8,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "แพทย์ยืนยันคำสั่งใช้ยาเดิมในระบบ เภสัชกรตรวจเฉพาะรายการที่เปลี่ยนจากชุดที่จัดไว้",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 5,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรับยาที่ช่องด่วน “ยาเดิม” พร้อมคำแนะนำ",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 5,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "tks_pharm", None),
            (
                Action.APPROVE,
                "tks_director",
                "เห็นชอบ ให้เริ่มจากคลินิกเบาหวานก่อน และกำหนดวิธีจัดการยาที่จัดไว้แต่ผู้ป่วยไม่มาตามนัด",
            ),
        ],
        "measured": None,
    },
    # 10. Approved (5 -> 3): street-vendor permit renewal at Bang Khen.
    {
        "author": "bkn_cle1",
        "coauthors": [],
        "unit": "D1005-CLE",
        "created": "2026-03-09",
        "title": "ต่ออายุบัตรผู้ค้าหาบเร่แผงลอยที่จุดผ่อนผัน ไม่ต้องให้ผู้ค้าปิดแผงมาเขต",
        "eh_moment": (
            "ผู้ค้าหน้าตลาดบางเขนบอกว่าวันที่มาต่อบัตรต้องปิดแผงทั้งวัน ขาดรายได้หลายร้อยบาท "
            "ส่วนเราก็ต้องลงไปตรวจแผงที่จุดเดิมอยู่แล้ว เอ๊ะ ทำไมไม่รับคำขอตอนที่เราไปตรวจเลย"
        ),
        "process_name": "การต่ออายุใบอนุญาตจำหน่ายสินค้าในที่หรือทางสาธารณะ (จุดผ่อนผัน)",
        "service": "งานเทศกิจ การจัดระเบียบผู้ค้า",
        "category": "process",
        "annual_volume": 850,
        "solution": (
            "เจ้าหน้าที่เทศกิจนำแท็บเล็ตไปรับคำขอต่ออายุที่จุดผ่อนผัน ถ่ายรูปแผงและตรวจตำแหน่งตามผังพร้อมกัน "
            "ระบบตรวจประวัติการกระทำผิดและยอดค้างชำระให้อัตโนมัติ ผู้ค้าชำระค่าธรรมเนียมผ่าน QR code "
            "และรับบัตรผู้ค้าที่เจ้าหน้าที่นำมามอบในรอบตรวจถัดไป"
        ),
        "value": "ผู้ค้าไม่ต้องปิดแผงมาเขต 2 ครั้ง เจ้าหน้าที่ได้ข้อมูลตำแหน่งแผงและรูปถ่ายเป็นปัจจุบันสำหรับการจัดระเบียบ",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "ฝ่ายรายได้ สำนักงานเขตบางเขน",
        "current_steps": [
            {
                "description": "ผู้ค้ามายื่นคำขอต่ออายุที่ฝ่ายเทศกิจพร้อมสำเนาบัตรประชาชนและทะเบียนบ้าน",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 60,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจประวัติการกระทำผิดและค่าธรรมเนียมค้างชำระจากแฟ้ม",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ลงพื้นที่ตรวจตำแหน่งแผงค้าเทียบกับผังจุดผ่อนผัน",
                "actor": "staff",
                "work_minutes": 30,
                "wait_minutes": 7200,
                "citizen_present": False,
            },
            {
                "description": "ผู้ค้ากลับมาชำระค่าธรรมเนียมที่ฝ่ายรายได้",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "ผู้ค้ารับบัตรผู้ค้าที่ฝ่ายเทศกิจ",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 20,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "เจ้าหน้าที่รับคำขอด้วยแท็บเล็ตที่จุดผ่อนผัน ถ่ายรูปแผงและตรวจตำแหน่งพร้อมกัน",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ระบบตรวจประวัติการกระทำผิดและยอดค้างชำระอัตโนมัติ",
                "actor": "staff",
                "work_minutes": 3,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "ผู้ค้าชำระผ่าน QR code เจ้าหน้าที่นำบัตรผู้ค้ามามอบในรอบตรวจถัดไป",
                "actor": "citizen",
                "work_minutes": 3,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "bkn_cle1", None),
            (
                Action.APPROVE,
                "bkn_cle_head",
                "เห็นชอบ ประสานฝ่ายรายได้เรื่องการออกใบเสร็จก่อนเริ่มรอบต่ออายุเดือนตุลาคม",
            ),
        ],
        "measured": None,
    },
    # 11. Declined.
    {
        "author": "staff2",
        "coauthors": [],
        "unit": "D1001-REG",
        "created": "2026-04-22",
        "title": "รับคำร้องแจ้งย้ายออกทางอีเมล",
        "eh_moment": (
            "คนทำงานในเขตพระนครหลายคนต้องลางานครึ่งวันมาแจ้งย้ายออก ทั้งที่กรอกแบบฟอร์มไม่ถึงห้านาที "
            "เอ๊ะ ถ้าส่งแบบฟอร์มกับสำเนาบัตรมาทางอีเมลได้ จะประหยัดเวลาทั้งสองฝ่าย"
        ),
        "process_name": "การรับแจ้งการย้ายที่อยู่ (ย้ายออก)",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 5200,
        "solution": "เปิดอีเมลของฝ่ายทะเบียนให้ส่งแบบคำร้องและสำเนาบัตรประชาชน แล้วส่งใบแจ้งย้ายกลับทางไปรษณีย์",
        "value": "ประชาชนไม่ต้องมาเขต ลดคิวหน้าช่องบริการช่วงเช้า",
        "stakeholders": ["citizens", "colleagues"],
        "stakeholders_other": "",
        "current_steps": [
            {
                "description": "ประชาชนรับบัตรคิวและรอเรียก",
                "actor": "citizen",
                "work_minutes": 2,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "ประชาชนยื่นคำร้องพร้อมบัตรประชาชนและทะเบียนบ้านฉบับเจ้าบ้าน",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจสอบตัวตนและความยินยอมของเจ้าบ้าน บันทึกในระบบ",
                "actor": "staff",
                "work_minutes": 8,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "นายทะเบียนลงนามและมอบใบแจ้งย้ายที่อยู่",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 15,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ประชาชนส่งแบบคำร้องและสำเนาบัตรประชาชนทางอีเมลของฝ่ายทะเบียน",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่บันทึกในระบบและส่งใบแจ้งย้ายที่อยู่ทางไปรษณีย์",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "staff2", None),
            (
                Action.DECLINE,
                "supervisor1",
                "การแจ้งย้ายต้องยืนยันตัวตนผู้แจ้งและความยินยอมของเจ้าบ้านตามระเบียบสำนักทะเบียนกลาง อีเมลพิสูจน์ตัวตนไม่ได้ "
                "และปัจจุบันประชาชนแจ้งย้ายผ่านแอป ThaID ได้อยู่แล้ว เสนอให้ทำป้ายและ QR code แนะนำช่องทางนี้ที่หน้าสำนักงานแทน",
            ),
        ],
        "measured": None,
    },
    # 12. Returned (note required); annual volume missing.
    {
        "author": "rpp_nurse",
        "coauthors": [],
        "unit": "MED-H07-NUR",
        "created": "2026-06-30",
        "title": "แบบประเมินแรกรับผู้ป่วยในฉบับเดียว ใช้ร่วมกันทั้งพยาบาล แพทย์ และเภสัชกร",
        "eh_moment": (
            "ผู้ป่วยสูงอายุรายหนึ่งบ่นว่าถูกถามว่าแพ้ยาอะไรสี่รอบในวันเดียว ตั้งแต่ห้องฉุกเฉิน หอผู้ป่วย แพทย์เจ้าของไข้ จนถึงเภสัชกร "
            "เอ๊ะ ข้อมูลชุดเดียวกัน ทำไมต่างคนต่างจดลงกระดาษของตัวเอง"
        ),
        "process_name": "การรับผู้ป่วยใหม่เข้าหอผู้ป่วยใน",
        "service": "บริการพยาบาลผู้ป่วยใน",
        "category": "process",
        "annual_volume": None,
        "solution": (
            "รวมแบบประเมินแรกรับของพยาบาล แพทย์ และเภสัชกรเป็นแบบฟอร์มอิเล็กทรอนิกส์ฉบับเดียวใน HIS "
            "ผู้ที่ซักประวัติคนแรกบันทึก คนถัดไปทวนสอบและเพิ่มเติมแทนการถามใหม่ทั้งหมด"
        ),
        "value": "ผู้ป่วยและญาติไม่ต้องตอบคำถามเดิมซ้ำ ลดเวลาพยาบาลในการรับใหม่ ข้อมูลแพ้ยาไม่ขัดกันระหว่างเอกสาร",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "",
        "current_steps": [
            {
                "description": "พยาบาลห้องฉุกเฉินซักประวัติและบันทึกลงแบบฟอร์มของห้องฉุกเฉิน",
                "actor": "other_unit",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "พยาบาลหอผู้ป่วยซักประวัติแรกรับซ้ำและบันทึกลงแบบประเมินทางการพยาบาล",
                "actor": "staff",
                "work_minutes": 20,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "แพทย์เจ้าของไข้ซักประวัติและบันทึกในเวชระเบียน",
                "actor": "other_unit",
                "work_minutes": 15,
                "wait_minutes": 60,
                "citizen_present": True,
            },
            {
                "description": "เภสัชกรซักประวัติการแพ้ยาและยาที่ใช้ประจำ (medication reconciliation)",
                "actor": "other_unit",
                "work_minutes": 15,
                "wait_minutes": 120,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้ซักประวัติคนแรกบันทึกลงแบบประเมินแรกรับอิเล็กทรอนิกส์ฉบับเดียว",
                "actor": "other_unit",
                "work_minutes": 12,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "พยาบาลหอผู้ป่วยทวนสอบข้อมูลกับผู้ป่วยและเพิ่มเติมส่วนการพยาบาล",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "แพทย์และเภสัชกรทวนสอบข้อมูลแพ้ยาและยาที่ใช้ประจำจากแบบฟอร์มเดียวกัน",
                "actor": "other_unit",
                "work_minutes": 15,
                "wait_minutes": 90,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "rpp_nurse", None),
            (
                Action.RETURN,
                "rpp_director",
                "แนวคิดดี แต่ขอให้ระบุจำนวนผู้ป่วยรับใหม่ต่อปี และหารือกลุ่มงานเภสัชกรรมก่อน "
                "เพราะการถามประวัติแพ้ยาซ้ำเป็นมาตรการความปลอดภัยตามมาตรฐาน HA ต้องอธิบายว่าจะคงการทวนสอบไว้อย่างไร",
            ),
        ],
        "measured": None,
    },
    # 13. Submitted (6 -> 4): waiting in supervisor1's queue.
    {
        "author": "staff3",
        "coauthors": ["staff1"],
        "unit": "D1001-REG",
        "created": "2026-10-08",
        "title": "แก้ไขวันเดือนปีเกิดในทะเบียนบ้าน: นัดพยานครั้งเดียวและขอยืนยันหลักฐานทางสารบรรณอิเล็กทรอนิกส์",
        "eh_moment": (
            "ผู้ยื่นคำร้องแก้วันเกิดต้องมาเขตสามครั้ง ครั้งแรกยื่นเอกสาร ครั้งที่สองพาพยาน ครั้งที่สามมารับเล่ม "
            "แล้วยังรอหนังสือตอบจากโรงเรียนทางไปรษณีย์เป็นเดือน เอ๊ะ ทำไมไม่บอกให้พาพยานมาตั้งแต่ครั้งแรก"
        ),
        "process_name": "การแก้ไขรายการวันเดือนปีเกิดในทะเบียนบ้าน",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 600,
        "solution": (
            "แจ้งรายการเอกสารและพยานที่ต้องนำมาผ่าน LINE OA ตั้งแต่ก่อนยื่นคำร้อง เพื่อให้ยื่นและให้ถ้อยคำได้ในครั้งเดียว "
            "ส่งหนังสือขอยืนยันหลักฐานถึงโรงเรียนหรือโรงพยาบาลทางระบบสารบรรณอิเล็กทรอนิกส์แทนไปรษณีย์ "
            "และแจ้งผลการพิจารณาทาง SMS"
        ),
        "value": "ประชาชนมาเขตจาก 3 ครั้งเหลือ 2 ครั้ง ระยะเวลารวมลดจากราว 5 สัปดาห์เหลือประมาณ 1 สัปดาห์",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "สถานศึกษาและโรงพยาบาลที่ออกหลักฐาน",
        "current_steps": [
            {
                "description": "ประชาชนยื่นคำร้องขอแก้ไขรายการพร้อมหลักฐาน เช่น สูติบัตร ทะเบียนนักเรียน",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสารและนัดให้พาพยานบุคคลมาให้ถ้อยคำ",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ประชาชนพาพยาน 2 คนมาให้ถ้อยคำในวันนัด",
                "actor": "citizen",
                "work_minutes": 30,
                "wait_minutes": 10080,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ส่งหนังสือสอบถามหลักฐานไปยังโรงเรียนหรือโรงพยาบาลทางไปรษณีย์",
                "actor": "other_unit",
                "work_minutes": 20,
                "wait_minutes": 20160,
                "citizen_present": False,
            },
            {
                "description": "นายทะเบียนพิจารณาอนุญาต",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "ประชาชนกลับมารับทะเบียนบ้านที่แก้ไขแล้ว",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 30,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ประชาชนยื่นคำร้องพร้อมหลักฐานและพยานในครั้งเดียว ตามรายการที่แจ้งทาง LINE OA ล่วงหน้า",
                "actor": "citizen",
                "work_minutes": 40,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ขอยืนยันหลักฐานจากโรงเรียนหรือโรงพยาบาลทางระบบสารบรรณอิเล็กทรอนิกส์",
                "actor": "other_unit",
                "work_minutes": 10,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "นายทะเบียนพิจารณาอนุญาต",
                "actor": "staff",
                "work_minutes": 15,
                "wait_minutes": 1440,
                "citizen_present": False,
            },
            {
                "description": "แจ้งผลทาง SMS ประชาชนมาแก้ไขรายการในเล่มทะเบียนบ้านที่ช่องด่วน",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 10,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "staff3", None),
        ],
        "measured": None,
    },
    # 14. Submitted (5 -> 3): soil excavation notice at Khlong Toei.
    {
        "author": "ktoei_eng1",
        "coauthors": [],
        "unit": "D1033-PWK",
        "created": "2026-08-19",
        "title": "รับแจ้งการขุดดินและถมดินผ่าน BMA OSS พร้อมส่งรายงานความคืบหน้าออนไลน์",
        "eh_moment": (
            "ผู้รับเหมาต้องขับรถมาเขตเพื่อยื่นแบบแจ้งขุดดิน กลับมาอีกรอบเพื่อรับใบรับแจ้ง และยังต้องเอารายงานความคืบหน้าเป็นกระดาษมาส่งทุกเดือน "
            "เอ๊ะ ระบบ BMA OSS ที่เราใช้กับใบอนุญาตก่อสร้างก็มีอยู่แล้ว ทำไมงานขุดดินยังเป็นกระดาษ"
        ),
        "process_name": "การรับแจ้งการขุดดินหรือถมดิน (แบบ ขด.1)",
        "service": "งานควบคุมอาคาร",
        "category": "process",
        "annual_volume": 180,
        "solution": (
            "เพิ่มแบบแจ้งการขุดดินและถมดินใน BMA OSS ออกใบรับแจ้งเป็นไฟล์อิเล็กทรอนิกส์ "
            "นัดนายตรวจจากแผนที่ในระบบ และให้ผู้แจ้งส่งรายงานความคืบหน้าพร้อมรูปถ่ายผ่านระบบ"
        ),
        "value": "ผู้แจ้งไม่ต้องมาเขต เจ้าหน้าที่ติดตามงานขุดดินทุกแปลงได้จากหน้าจอเดียว ลดความเสี่ยงดินพังกระทบบ้านข้างเคียง",
        "stakeholders": ["citizens", "colleagues", "other_units", "partners"],
        "stakeholders_other": "ผู้รับเหมาและวิศวกรผู้ควบคุมงาน",
        "current_steps": [
            {
                "description": "ผู้แจ้งยื่นแบบแจ้งการขุดดิน (แบบ ขด.1) พร้อมแผนผังและรายการคำนวณที่ฝ่ายโยธา",
                "actor": "citizen",
                "work_minutes": 15,
                "wait_minutes": 30,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสาร และเสนอหัวหน้าฝ่ายลงนามใบรับแจ้ง",
                "actor": "staff",
                "work_minutes": 20,
                "wait_minutes": 1440,
                "citizen_present": False,
            },
            {
                "description": "ผู้แจ้งกลับมารับใบรับแจ้งที่เขต",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 20,
                "citizen_present": True,
            },
            {
                "description": "นายตรวจออกตรวจพื้นที่ก่อนเริ่มขุด",
                "actor": "staff",
                "work_minutes": 60,
                "wait_minutes": 7200,
                "citizen_present": False,
            },
            {
                "description": "ผู้แจ้งนำรายงานความคืบหน้าเป็นกระดาษมาส่งที่เขต",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 20,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ผู้แจ้งยื่นแบบ ขด.1 พร้อมไฟล์แผนผังและรายการคำนวณผ่าน BMA OSS",
                "actor": "citizen",
                "work_minutes": 20,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสาร ออกใบรับแจ้งอิเล็กทรอนิกส์ และนัดนายตรวจจากแผนที่ในระบบ",
                "actor": "staff",
                "work_minutes": 20,
                "wait_minutes": 1440,
                "citizen_present": False,
            },
            {
                "description": "นายตรวจตรวจพื้นที่ ผู้แจ้งส่งรายงานความคืบหน้าพร้อมรูปถ่ายผ่านระบบ",
                "actor": "staff",
                "work_minutes": 60,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
        ],
        "history": [
            (Action.SUBMIT, "ktoei_eng1", None),
        ],
        "measured": None,
    },
    # 15. Draft, partly filled (no proposed steps yet).
    {
        "author": "rpp_pharm",
        "coauthors": [],
        "unit": "MED-H07-PHA",
        "created": "2026-09-02",
        "title": "ให้ผู้ป่วยความดันโลหิตสูงที่อาการคงที่รับยาที่ร้านยาใกล้บ้าน",
        "eh_moment": (
            "ผู้ป่วยความดันหลายคนบ้านอยู่หนองแขม ต้องนั่งรถสองต่อมารับยาชุดเดิมทุกสามเดือน ค่าเดินทางแพงกว่าค่ายา "
            "เอ๊ะ ร้านยาที่ร่วมโครงการอยู่ห่างบ้านเขาไม่ถึงกิโล"
        ),
        "process_name": "การรับยาต่อเนื่องของผู้ป่วยโรคเรื้อรัง",
        "service": "บริการเภสัชกรรมผู้ป่วยนอก",
        "category": "service_innovation",
        "annual_volume": 8000,
        "solution": "",
        "value": "",
        "stakeholders": ["citizens", "partners"],
        "stakeholders_other": "ร้านยาคุณภาพในพื้นที่",
        "current_steps": [
            {
                "description": "ผู้ป่วยเดินทางมาโรงพยาบาลตามนัดและรอพบแพทย์",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 150,
                "citizen_present": True,
            },
            {
                "description": "แพทย์ตรวจและสั่งยาเดิม",
                "actor": "other_unit",
                "work_minutes": 5,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "ผู้ป่วยรอรับยาที่ห้องยา",
                "actor": "staff",
                "work_minutes": 5,
                "wait_minutes": 50,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [],
        "history": [],
        "measured": None,
    },
    # 16. Draft: staff2 submitted then withdrew to add data.
    {
        "author": "staff2",
        "coauthors": [],
        "unit": "D1001-REG",
        "created": "2026-10-27",
        "title": "ขอเลขที่บ้านใหม่: นัดตรวจสถานที่ตั้งแต่วันยื่นคำร้อง",
        "eh_moment": (
            "เจ้าของบ้านที่สร้างเสร็จต้องมายื่นคำร้อง รอเจ้าหน้าที่โทรนัดไปดูสถานที่ แล้วต้องมาเขตอีกครั้งเพื่อรับเลขที่บ้าน "
            "เอ๊ะ ทำไมไม่นัดวันตรวจให้เลยตั้งแต่วันที่เขามายื่น แล้วเอาเลขที่บ้านไปมอบตอนตรวจ"
        ),
        "process_name": "การขอเลขที่บ้านใหม่",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 350,
        "solution": (
            "ใช้ปฏิทินนัดตรวจสถานที่ร่วมกันระหว่างฝ่ายทะเบียนกับฝ่ายโยธา ให้นัดได้ทันทีที่ช่องบริการ "
            "เจ้าหน้าที่ที่ออกตรวจพกแบบรับแจ้ง (ท.ร.9) และมอบเลขที่บ้านพร้อมทะเบียนบ้านเล่มใหม่ในวันตรวจเมื่อถูกต้อง"
        ),
        "value": "เจ้าของบ้านมาเขตครั้งเดียว ไม่ต้องรอโทรนัด ลดการโทรตามเรื่อง",
        "stakeholders": ["citizens", "colleagues", "other_units"],
        "stakeholders_other": "ฝ่ายโยธา สำนักงานเขตพระนคร",
        "current_steps": [
            {
                "description": "เจ้าของบ้านยื่นคำร้องขอเลขที่บ้านพร้อมใบอนุญาตก่อสร้างและเอกสารสิทธิ์ที่ดิน",
                "actor": "citizen",
                "work_minutes": 10,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "เจ้าหน้าที่ตรวจเอกสารและรอประสานนัดวันตรวจสถานที่ทางโทรศัพท์",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 4320,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่ออกตรวจสถานที่ร่วมกับเจ้าของบ้าน",
                "actor": "staff",
                "work_minutes": 60,
                "wait_minutes": 0,
                "citizen_present": True,
            },
            {
                "description": "นายทะเบียนพิจารณากำหนดเลขที่บ้าน",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 2880,
                "citizen_present": False,
            },
            {
                "description": "เจ้าของบ้านมารับเลขที่บ้านและทะเบียนบ้านเล่มใหม่ที่เขต",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 30,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "เจ้าของบ้านยื่นคำร้องและเลือกวันตรวจสถานที่จากปฏิทินนัดได้ทันที",
                "actor": "citizen",
                "work_minutes": 12,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "นายทะเบียนพิจารณาเลขที่บ้านล่วงหน้าจากผังบริเวณก่อนวันตรวจ",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 2880,
                "citizen_present": False,
            },
            {
                "description": "เจ้าหน้าที่ออกตรวจสถานที่ และมอบเลขที่บ้านพร้อมทะเบียนบ้านเล่มใหม่ในวันตรวจ",
                "actor": "staff",
                "work_minutes": 60,
                "wait_minutes": 0,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "staff2", None),
            (Action.WITHDRAW, "staff2", "ขอถอนไปเพิ่มข้อมูลความเห็นของฝ่ายโยธาก่อน"),
        ],
        "measured": None,
    },
    # 17. Draft: bare quick capture by staff1 (title + เอ๊ะ only).
    {
        "author": "staff1",
        "coauthors": [],
        "unit": "D1001-REG",
        "created": "2026-11-18",
        "title": "ทำไมต้องให้ประชาชนถ่ายสำเนาบัตรประชาชนมาเอง ในเมื่อเรามีเครื่องอ่านบัตร",
        "eh_moment": (
            "วันนี้มีคุณลุงเดินออกไปหาร้านถ่ายเอกสารหน้าเขตเพราะคำร้องบางประเภทยังเขียนว่าต้องแนบสำเนาบัตร "
            "ทั้งที่เคาน์เตอร์เรามีเครื่องอ่านบัตรทุกช่อง เอ๊ะ สำเนานั้นเราเอาไปใช้ทำอะไร"
        ),
        "process_name": "",
        "service": "",
        "category": None,
        "annual_volume": None,
        "solution": "",
        "value": "",
        "stakeholders": [],
        "stakeholders_other": "",
        "current_steps": [],
        "proposed_steps": [],
        "history": [],
        "measured": None,
    },
    # 18. Merged: staff3 logged the same service as idea 3; supervisor1 merged it there.
    {
        "author": "staff3",
        "coauthors": [],
        "unit": "D1001-REG",
        "created": "2026-11-10",
        "title": "ขอคัดสำเนาทะเบียนบ้าน ออนไลน์ ไม่ต้องมาเขต",
        "eh_moment": (
            "ผู้รับบริการหลายคนลางานครึ่งวันมาเขตเพื่อขอสำเนาทะเบียนบ้านแผ่นเดียว "
            "เอ๊ะ ทำไมไม่ขอผ่าน e-Service แล้วมารับหรือให้ส่งทางไปรษณีย์"
        ),
        "process_name": "การขอคัดและรับรองสำเนาทะเบียนบ้าน (ท.ร.14)",
        "service": "งานทะเบียนราษฎร",
        "category": "process",
        "annual_volume": 18000,
        "solution": "เปิดคำขอคัดสำเนาทะเบียนบ้านผ่าน BMA e-Service และนัดรับเอกสารตามเวลา",
        "value": "ประชาชนไม่ต้องรอคิวที่เขต เจ้าหน้าที่จัดเตรียมเอกสารไว้ล่วงหน้า",
        "stakeholders": ["citizens"],
        "stakeholders_other": "",
        "current_steps": [
            {
                "description": "ประชาชนรับบัตรคิวและรอที่ช่องงานทะเบียน",
                "actor": "citizen",
                "work_minutes": 2,
                "wait_minutes": 40,
                "citizen_present": True,
            },
            {
                "description": "ยื่นคำร้องและรับสำเนาที่ช่องบริการ",
                "actor": "staff",
                "work_minutes": 10,
                "wait_minutes": 30,
                "citizen_present": True,
            },
        ],
        "proposed_steps": [
            {
                "description": "ยื่นคำขอผ่าน BMA e-Service และเลือกเวลารับเอกสาร",
                "actor": "citizen",
                "work_minutes": 5,
                "wait_minutes": 0,
                "citizen_present": False,
            },
            {
                "description": "รับสำเนาที่จุดรับเอกสารตามเวลานัด",
                "actor": "staff",
                "work_minutes": 2,
                "wait_minutes": 5,
                "citizen_present": True,
            },
        ],
        "history": [
            (Action.SUBMIT, "staff3", None),
            (
                Action.MERGE,
                "supervisor1",
                "ซ้ำกับไอเดียคัดสำเนาทะเบียนบ้านในช่องเดียวที่ใช้งานแล้ว ต่อยอดเรื่อง e-Service ที่นั่น",
            ),
        ],
        "merge_into": "คัดสำเนาทะเบียนบ้านเสร็จในช่องเดียว ไม่ต้องเดินไปช่องการเงิน",
        "measured": None,
    },
]
