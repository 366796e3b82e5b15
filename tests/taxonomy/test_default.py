"""The shipped taxonomy carries exactly the codebook's ids, and its cues fire on typical phrasings."""

import re
from pathlib import Path

import pytest

from eduminer.taxonomy import RuleMatcher, load_taxonomy

CODEBOOK = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "CODEBOOK.md"


def codebook_ids():
    if not CODEBOOK.exists():
        pytest.skip("../shared/eval/CODEBOOK.md not present")
    text = CODEBOOK.read_text(encoding="utf-8")
    dimensions = re.findall(r"^### (\w+) ", text, flags=re.M)
    leaves = re.findall(r"^\| (\w+\.\w+) \|", text, flags=re.M)
    return dimensions, leaves


def test_default_has_exactly_the_codebook_ids():
    dimensions, leaves = codebook_ids()
    assert (len(dimensions), len(leaves)) == (8, 37)
    tax = load_taxonomy()
    assert [c.id for c in tax.dimensions()] == dimensions
    assert sorted(c.id for c in tax.leaves()) == sorted(leaves)


def test_every_category_is_labelled_and_every_leaf_has_an_instrument():
    tax = load_taxonomy()
    for cat in tax.categories:
        assert cat.label and cat.label_en, cat.id
    for leaf in tax.leaves():
        assert leaf.definition, leaf.id
        assert leaf.attribute("instrument") in {"supply", "environment", "demand"}, leaf.id


@pytest.fixture(scope="module")
def matcher():
    return RuleMatcher(load_taxonomy())


# Phrasings written for this test (not copied from the seeds): each must be coded.
@pytest.mark.parametrize("sentence, category", [
    ("全面推行1+X+N集团化办学模式", "model.flagship_led"),
    ("发挥龙头学校辐射带动作用", "model.flagship_led"),
    ("组建覆盖城乡的紧密型教育集团", "model.group_schooling"),
    ("全县划分为6个学区", "model.school_district"),
    ("实行一长多校管理", "model.one_principal_multi_school"),
    ("由城区优质学校托管乡村薄弱学校", "model.trusteeship"),
    ("深化城乡学校结对帮扶", "model.pairing_support"),
    ("组建城乡义务教育共同体", "model.pairing_support"),
    ("交流轮岗经历作为职称评审的必要条件", "evaluation.incentives"),
    ("县域内统筹配置教师资源", "personnel.county_managed"),
    ("每年交流轮岗教师不低于专任教师总数的10%", "personnel.teacher_rotation"),
    ("骨干教师到乡村学校跨校任教", "personnel.teacher_rotation"),
    ("鼓励师资向薄弱学校合理流动", "personnel.teacher_rotation"),
    ("推进义务教育教师区管校聘管理改革", "personnel.county_managed"),
    ("教师编制由县级统筹调剂", "personnel.county_managed"),
    ("开展集体备课和同课异构", "teaching.joint_research"),
    ("建设专递课堂和双师课堂", "teaching.synchronous_teaching"),
    ("实行捆绑考核", "evaluation.bundled"),
    ("将集团化办学纳入对学校的年度考核", "evaluation.performance_assessment"),
    ("在职称评聘中向交流教师倾斜", "evaluation.incentives"),
    ("设立集团化办学专项经费每年200万元", "resources.dedicated_funding"),
    ("推行学区内统一招生", "enrollment.unified_enrollment"),
    ("海淀区还将成立学区委员会和学区办公室", "model.school_district"),
    ("积极探索以名校+新校+农村校为特征的集团化办学模式", "model.group_schooling"),
    ("组建学区集团并成立学区集团理事会", "model.school_district"),
    ("城区学校与农村学校组建校际联盟", "model.pairing_support"),
    ("联合举办校园艺术节", "culture.joint_activities"),
    # session 5: phrasings of the kinds the d30-d41 batch missed (written for this test)
    ("该集团目前下设五所分校", "model.joint_merger"),
    ("实验中学南湖校区当天正式挂牌", "model.joint_merger"),
    ("两所学校实行合作办学", "model.joint_merger"),
    ("将两所薄弱初中与县一中全面重组", "model.joint_merger"),
    ("坚持以城带乡、以强扶弱", "model.flagship_led"),
    ("由城区学校带动周边相对薄弱的村小", "model.flagship_led"),
    ("成员校实行总负责人制", "model.one_principal_multi_school"),
    ("全镇教师数量不足的问题依然突出", "personnel.recruitment"),
    ("教研室每学期开展调研视导", "evaluation.supervision"),
    ("经专家评审，认定10所学校为示范校", "evaluation.performance_assessment"),
    ("各片区工作实行主任负责制", "governance.structure"),
    ("努力实现“三个一体化”", "governance.integrated_management"),
    ("集团内部做到制度统一、管理统一", "governance.charter"),
    ("两校举行结对帮扶签约仪式", "governance.charter"),
    ("学区全面实行远程管理", "resources.digital_platform"),
    ("集团首届联合运动会在一中举行", "culture.joint_activities"),
    ("建成一批红色教育阵地", "governance.party_building"),
    ("组建城乡教育联合体", "model.pairing_support"),
    ("开展线上直播授课", "teaching.synchronous_teaching"),
    ("建设智慧校园", "resources.digital_platform"),
    ("选聘优秀教师担任成员校校长", "personnel.leader_rotation"),
    ("举办集团教学开放周", "teaching.joint_research"),
    ("实施薄弱学校改造", "resources.school_construction"),
    ("区财政每年安排500万元用于集团化办学", "resources.dedicated_funding"),
    ("统一校服、校训和校徽", "culture.shared_culture"),
    ("城区名校领办农村学校", "model.trusteeship"),
    ("今年又有两所村小加入县实验小学教育集团", "governance.entry_exit"),
    ("各集团新增成员学校5所", "governance.entry_exit"),
    ("将东区小学并入中心小学", "model.joint_merger"),
    ("将两所初中合并为一所九年一贯制学校", "model.joint_merger"),
    ("推行集群办学", "model.group_schooling"),
    ("构建大学区管理体系", "model.school_district"),
    ("发挥名校辐射带动作用", "model.flagship_led"),
    ("城镇校带动乡村校共同发展", "model.flagship_led"),
    ("两地中学建立联校关系", "model.pairing_support"),
    ("选派骨干教师支援边远县学校", "model.pairing_support"),
    ("推进集团内管理互通、师资共配", "governance.integrated_management"),
    ("推进集团内管理互通、师资共配", "personnel.county_managed"),
    ("定期召开学区校长联席会议", "governance.structure"),
    ("全面加强中小学党的建设", "governance.party_building"),
    ("城乡新成立了12个义务教育集团", "model.group_schooling"),
    ("县实验小学教育集团辖4所学校", "model.group_schooling"),
    ("实验小学教育集团又添新成员", "model.group_schooling"),
    # session 5, phrasings mined from other public pages (paraphrased)
    ("两地学生通过直播异地同堂上课", "teaching.synchronous_teaching"),
    ("组织跨校说课评课活动", "teaching.joint_research"),
    ("母体学校向分校派出管理团队", "personnel.leader_rotation"),
    ("区里取消中小学校长的行政级别", "personnel.principal_rank"),
    ("被托管学校在两个周期后独立办学", "governance.entry_exit"),
    ("教育集团发布了新的吉祥物", "culture.shared_culture"),
    ("学区举办新年艺术展", "culture.joint_activities"),
    ("宜宾市南溪区小学第二学区召开联席会议", "model.school_district"),
    ("本轮共组建4个“名校 +”集团", "model.flagship_led"),
    ("决定将城东小学纳入县实验小学教育集团", "governance.entry_exit"),
    ("城关小学加挂“实验小学东城校区”牌子", "model.joint_merger"),
    ("开展送培送教和教师工作坊研修", "personnel.training"),
    ("对口帮扶单位给予资金物资支持", "resources.dedicated_funding"),
    ("两校签署委托管理意向书", "governance.charter"),
    ("学区举办首届校际篮球联赛", "culture.joint_activities"),
    ("开展城乡“校联体”试点", "model.pairing_support"),
    ("打造县域“互联网+教育”大平台", "resources.digital_platform"),
    ("两校校长共同签署了《城乡学校一体化发展合作协议》", "governance.charter"),
    ("推行县管校聘，变“学校人”为“系统人”", "personnel.county_managed"),
    ("学生留不住、教师流不动的问题依旧突出", "personnel.teacher_rotation"),
    ("乡村学校缺少音乐、美术等专职教师", "personnel.recruitment"),
    ("全镇中小学标准化建设全面启动", "resources.school_construction"),
    ("县实验小学将与省城名校联结起来", "model.pairing_support"),
    ("对全市681个农村小规模学校和教学点进行优化整合", "model.joint_merger"),
    ("三校在共同体建设协议书上签名、盖章", "governance.charter"),
    ("由城关小学领衔，带领12所乡村小学", "model.flagship_led"),
    ("建成投用城东一中(一期)、晨曦路小学(二期)等项目8个", "resources.school_construction"),
    # a statement of worth beside the measure itself does not veto it
    ("正式组建县高中教育集团，标志着全县教育迈入新阶段", "model.group_schooling"),
    ("集团化办学是一个新的尝试，将逐步扩大集团化办学的覆盖面", "model.group_schooling"),
    # a founding after a background clause, or announced at a seminar
    ("在依托高校教育科研成果的基础上，2014年率先成立了全省首家基础教育集团。", "model.group_schooling"),
    ("在2020年组建3个教育集团的基础上，今年又组建6个教育集团", "model.group_schooling"),
    ("举行教育工作座谈会，会上宣布星海教育集团正式成立。", "model.group_schooling"),
    ("以学区为单位实行小学与初中九年一贯对口招生", "enrollment.unified_enrollment"),
    ("东城区今年新增了4组一所小学对多所初中的定向名额派位入学学校", "enrollment.unified_enrollment"),
    ("9月15日，长安区西北大学附属中(小)学揭牌仪式举行", "model.joint_merger"),
    ("崂山区第六中学成为青岛市教育科学研究院附属学校。", "model.joint_merger"),
    ("北京中学二分校，2021年12月进入北京中学教育集团", "governance.entry_exit"),
    ("集团学校联合培养拔尖创新人才", "teaching.student_cultivation"),
    ("滇池度假区实验学校加挂“昆明市第三中学度假学校”牌子", "model.joint_merger"),
    ("岭东园区与长春师范大学合作办园", "model.joint_merger"),
    ("乌鲁木齐市第一中学新增望谷路校区", "model.joint_merger"),
    ("新成立四个教育集团,是西乡塘区深化教育改革的一项重要举措", "model.group_schooling"),
    ("选派骨干教师赴上海进修三个月", "personnel.training"),
    ("澄迈县人民政府与海南中学签约合作办学", "model.joint_merger"),
    ("西南大学与贵阳市人民政府合作办学签约仪式在贵阳市政府举行", "model.joint_merger"),
    ("签约仪式上，双方签署合作办学协议", "model.joint_merger"),
    ("计划建：望留中心学校、潍阳学校、德文学校", "resources.school_construction"),
    ("东乡县今年投资修建了5个教学点", "resources.school_construction"),
    ("每个县(市、区)组建2个以上有规模、上档次的民办教育集团", "model.group_schooling"),
    ("通过视频直播互动,实现晴隆和宁海当地结对学校共上一堂课", "teaching.synchronous_teaching"),
    ("晴隆宁海两地学生同步共学", "teaching.synchronous_teaching"),
    ("两地学生同步作业、同步批改、同步辅导", "teaching.unified_teaching"),
    ("哈三中、哈九中分别在群力和松北建了分校", "model.joint_merger"),
    ("徐汇中学南校,是沪上老牌知名初中徐汇中学所开设的一所分校", "model.joint_merger"),
    ("优化农村学校布局,建设标准化校园", "resources.school_construction"),
    # session 13's blind batches (d622-d657)
    ("仙源小学教育集团阜鸣校区、仙临校区授牌仪式在两校区同步举行", "model.joint_merger"),
    ("新安教育集团与春晖小学教育集团筏头校区正式扬帆起航", "model.group_schooling"),
    ("新安教育集团与春晖小学教育集团筏头校区正式扬帆起航", "model.joint_merger"),
    ("实现教育资源共享、教师合理流动,共创联研机制", "teaching.joint_research"),
    ("由强校、弱校组成联盟,共享教育资源", "model.pairing_support"),
    ("包河区成立南园学校1个学区联盟", "model.school_district"),
    ("集团内部实现管理互通、师资共享、教研联动", "personnel.teacher_rotation"),
    ("合肥包河区打造学区联盟,师生可“跨校上课”", "personnel.teacher_rotation"),
    ("从今年秋季起,包河区的中小学生能跨校上课了", "teaching.student_cultivation"),
    ("市一中附小、马头琴学校等12个重点工程建成投用", "resources.school_construction"),
    ("河南省实施县中托管帮扶工程,对口帮扶薄弱县中68所", "model.pairing_support"),
    ("安庆市太湖县确定为义务教育县域校共体建设试点县", "model.pairing_support"),
    ("学校自与邢台三中结为友好合作交流校以来,开展了多次活动", "model.pairing_support"),
    ("课后,双方学校的教师还进行了交流研讨", "teaching.joint_research"),
    ("全省组建25个义务教育教学联盟和10个普通高中教学联盟", "model.pairing_support"),
    ("2022/23粤港姊妹学校签约仪式于4月19日下午在广州国际媒体港举行", "model.pairing_support"),
    ("香港和四川建立了约90对的姊妹学校", "model.pairing_support"),
    ("7所教学力量相对薄弱的乡村中小学结成一对一、一对多教学帮扶对子", "model.pairing_support"),
    ("邀请特级教师开展专题讲座", "personnel.master_teachers"),
])
def test_typical_phrasings_are_coded(matcher, sentence, category):
    assert category in {h.category for h in matcher.match(sentence)}


@pytest.mark.parametrize("sentence, category", [
    ("成立芦台一小教育集团，配齐集团学校及校区领导班子", "model.group_schooling"),
    ("成员校保留原有校名，增挂集团学校成员校校牌，集团内各成员学校法人资格不变", "model.group_schooling"),
    ("邀请本地名师做讲座", "personnel.master_teachers"),
    ("每个学区设立学区管理办公室", "model.school_district"),
    ("学区内制定统一章程、发展规划", "governance.charter"),
    ("教育集团总校长向区教育局提交集团章程和合作办学协议", "governance.charter"),
    ("发挥骨干教师示范引领作用", "personnel.master_teachers"),
    ("设立集团化办学专项奖补资金", "resources.dedicated_funding"),
    ("建立共享教师制度，音体美教师在集团内共享", "personnel.teacher_rotation"),
    ("实施名校办分校", "model.flagship_led"),
    ("集团学校实行“六统一”管理", "governance.integrated_management"),
    ("胡集镇小学与五所小学组成融合型教联体", "model.pairing_support"),
    ("后陆续有五所乡村校加入，成为十校联盟", "model.pairing_support"),
    ("实现教案、课件、题库城乡全域统一共享", "teaching.shared_courses"),
    ("开展“主题式轮值教研”", "teaching.joint_research"),
    ("呼和浩特市第一中学分校挂牌", "model.joint_merger"),
    ("县委县政府加大对农村基础教育设施建设力度", "resources.school_construction"),
    ("两校分别签订了教育联盟发展协议书", "governance.charter"),
    ("支教人员生活补助、交通补助纳入财政预算", "evaluation.incentives"),
    ("组建云平台教学班，与农村校同步上课", "teaching.synchronous_teaching"),
    ("由紫岩小学牵头成立城乡教育联盟", "model.flagship_led"),
    ("落实乡村教师生活补助", "evaluation.incentives"),
    ("开展教师全员培训", "personnel.training"),
    # educators sent on aid (blind batch d478-d489, d482), not cadres of all fields (below)
    ("首批76名“组团式”援藏教育人才,分赴拉萨、日喀则等地开展教学调研", "personnel.teacher_rotation"),
    ("此行包括40名组团式教育援藏工作队队员", "personnel.teacher_rotation"),
    ("电子科技大学、岑巩县人民政府、岑巩一中签订了托管帮扶合作框架协议", "model.trusteeship"),
    # principals and teachers exchanged, counted (blind batch d490-d501, d501)
    ("至少交流义务教育学校校长80人、教师1000人", "personnel.leader_rotation"),
    ("至少交流义务教育学校校长80人、教师1000人", "personnel.teacher_rotation"),
    ("胡集镇小学教联体采用“1+N”形式", "model.pairing_support"),
    ("擎启新章!三大教育集团党委成立!", "governance.party_building"),
    # the leading school named as such; schools run in counterpart (blind batches d478-d513)
    ("新建的2个教育集团分别由区教育发展研究院和海珠区第三实验小学作为核心牵头单位", "model.flagship_led"),
    ("其领办型学校为厦门外国语学校石狮分校", "model.flagship_led"),
    ("广东实验中学于2025年领衔开办的琶洲南学校", "model.flagship_led"),
    ("与郊区农村20所义务教育学校对口办学", "model.pairing_support"),
    # school leaders rotated by their rank (blind batch d514-d525, d520)
    ("新晃率先实施校级领导轮岗交流", "personnel.leader_rotation"),
    ("轮岗交流新上任的校长吴继廷对同学们提出了殷切期望", "personnel.leader_rotation"),
    ("将学区、集团内2年交流轮岗工作经历作为提任校级干部的重要因素", "personnel.teacher_rotation"),
    # preschools run in large districts (blind batch d526-d537, d531)
    ("全省构建起285个学前教育大园区,直接惠及909所农村地区幼儿园", "model.school_district"),
    ("实施大园区管理改革,普惠性民办幼儿园覆盖率100%", "model.school_district"),
    # distance education built or used (blind batch d526-d537, d534)
    ("青海已搭建起遍布全省农村牧区的现代远程教育网络", "resources.digital_platform"),
    # a township's school closed is no township merged (blind batch d550-d561, d554)
    ("计划撤并乡镇寄宿制学校1所、调整办学性质11所", "model.joint_merger"),
    # a school taken over into another (blind batch d538-d549, d541)
    ("十四中成立教育集团,西北新城的中央民大附中被收编", "model.joint_merger"),
    ("国培计划骨干项目教育集团化办学培训班总结汇报", "personnel.training"),
    ("托管帮扶的县中与城区学校结对", "model.pairing_support"),
    ("将集团化办学纳入县域义务教育优质均衡发展督导评估", "evaluation.supervision"),
    # the founding reported before the time clause (blind batch d478-d489, d487)
    ("京源教育集团正式成立啦, 京源教育集团成立后,各成员校将充分利用集团这一平台", "model.group_schooling"),
])
def test_the_setting_exclusions_keep_the_measures_themselves(matcher, sentence, category):
    assert category in {h.category for h in matcher.match(sentence)}


@pytest.mark.parametrize("sentence, category", [
    ("学区房价格上涨", "model.school_district"),
    ("1978年恢复重点学校的政策，为特殊时期培养急需人才做出了贡献", "teaching.student_cultivation"),
    ("合作单位：营山县教师进修学校、恩阳区教师进修学校", "personnel.training"),
    ("关于落实好“新增城乡教育共同体结对学校(校区)1500家”任务的通知", "model.joint_merger"),
    ("做好流动人口随迁子女入学", "personnel.teacher_rotation"),
    ("提供课后托管服务", "model.trusteeship"),
    ("新建立一套工作机制", "resources.school_construction"),
    ("编制规划并报批", "personnel.county_managed"),
    ("教师参加经验交流会", "personnel.teacher_rotation"),
    # a group or district only named as the object or setting of another act
    ("金安区政协开展区教育系统集团化办学和双减工作情况调研", "model.group_schooling"),
    ("调动各校教职工参与集团化办学的积极性", "model.group_schooling"),
    ("她表示在集团化办学的基础上，要加强各集团校之间的办学交流", "model.group_schooling"),
    ("将集团化办学列为责任督学经常性督导事项", "model.group_schooling"),
    ("南岸区财政设立集团化办学专项经费", "model.group_schooling"),
    ("指导各学区集团牵头校建立适切的内部治理结构", "model.school_district"),
    ("区财政将学区管理办公室工作经费列入区财政预算", "model.school_district"),
    ("实行学区内教师交流任职", "model.school_district"),
    ("组织骨干志愿者参加家庭教育指导师培训", "personnel.training"),
    # the group as the setting or owner of another domain's thing
    ("健全集团内部骨干教师定期交流机制", "model.group_schooling"),
    ("教育集团实行集团总校长领导下的各成员校一体化管理工作机制", "model.group_schooling"),
    ("打造集团文化，构建集团文化与学校文化相互滋养的良好态势", "model.group_schooling"),
    # counts, drills and turnover
    ("2313名师生安全撤离至学校操场", "personnel.master_teachers"),
    # the 家校社 协同育人 教联体 is not a school alliance
    ("构建家校社协同育人教联体", "model.pairing_support"),
    ("消防员对教职工与学生们进行消防安全知识培训", "personnel.training"),
    ("教师流动性大，不少人选择调进县城", "personnel.teacher_rotation"),
    ("组织骨干志愿者参加上海市家庭教育指导师考证培训", "personnel.master_teachers"),
    ("加强紧缺学科新教师和骨干教师的引进", "personnel.master_teachers"),
    ("明确学生、学校和导师的对接时空和方式", "personnel.master_teachers"),
    ("依托区紧密型教育集团建设，探索拔尖创新人才早期识别机制", "model.group_schooling"),
    ("调研组通过实地调研、听取汇报等形式，详细了解我区集团化办学和双减工作", "model.group_schooling"),
    ("学区管理办公室人员从区内学校抽调", "model.school_district"),
    ("教育行政部门指导学校规范开展章程修订工作，组织章程审核", "governance.charter"),
    ("学校要进一步健全规章制度审查与清理机制", "governance.charter"),
    ("原来乡镇中心小学承担的各项工作职能已经转由学区办承担", "model.school_district"),
    # session 5: one school's own event, a red cloth, a school named, kinds of school listed
    ("学校举行秋季田径运动会", "culture.joint_activities"),
    ("随着红色绸布落下，新校区揭幕", "governance.party_building"),
    ("校长介绍了学校的办学理念", "culture.shared_culture"),
    ("为乡村学校、新建学校注入活力", "resources.school_construction"),
    ("教师专业能力不足", "personnel.recruitment"),
    ("开展中外合作办学项目", "model.joint_merger"),
    ("组建城乡教育联合体", "model.group_schooling"),
    ("适度调整学区划分范围，保持招生片区稳定", "enrollment.unified_enrollment"),
    ("时间表公布：深圳将培育80个优质教育集团", "evaluation.performance_assessment"),
    # domains listed as managed as one: integrated management, not each domain's own category
    ("联盟内部实行人事、经费、教学、考核评价一体化管理", "resources.dedicated_funding"),
    ("联盟内部实行人事、经费、教学、考核评价一体化管理", "evaluation.performance_assessment"),
    ("联盟内部实行人事、经费、教学、考核评价一体化管理", "model.pairing_support"),
    ("教育集团现有两个校区，在校学生2642人", "model.group_schooling"),
    ("召开全省高校党建工作会议", "governance.party_building"),
    ("江苏省对口支援拉萨市物流服务中心项目开工", "model.pairing_support"),
    ("援藏项目总投资86733万元", "resources.dedicated_funding"),
    ("校园里是全新的校舍", "resources.facility_sharing"),
    ("直属学校与多个区域新建学校合作办学", "resources.school_construction"),
    # a group's name owning another event or body
    ("实验教育集团理事会第二次会议在东校区举行", "model.group_schooling"),
    ("开幕式上，电报路小学教育集团党委书记致辞", "model.group_schooling"),
    ("一中教育集团首届篮球比赛落下帷幕", "model.group_schooling"),
    ("与集团董事长、总经理座谈民办学校融资", "model.group_schooling"),
    ("开展暑期托管服务", "model.trusteeship"),
    ("企业积极拓展课后服务市场", "teaching.after_school"),
    ("出台增值税优惠政策", "evaluation.value_added"),
    ("对已纳入集团的学校不再垂直管理", "governance.entry_exit"),
    ("中小学区域教育联盟工作总结", "model.school_district"),
    ("实验教育集团理事会成立暨第一次理事会会议举行", "model.group_schooling"),
    ("副市长在市教育局领办市政协重点提案", "model.trusteeship"),
    ("负责人介绍了一中教育集团成立情况", "model.group_schooling"),
    ("京源教育集团成立后,各成员校将充分利用集团这一平台", "model.group_schooling"),
    ("2114名第十批援藏干部人才进藏", "personnel.teacher_rotation"),
    # a support that is a trusteeship (blind batch d490-d501)
    ("组织实施部属高校县中托管帮扶项目", "model.pairing_support"),
    # the national evaluation of counties (blind batch d490-d501, d494), not the reform's inspection
    ("凌海市推进县域义务教育优质均衡发展督导评估规划实施细则的通知", "evaluation.supervision"),
    # an alliance's bare name: a member's title, an honour (blind batch d502-d513, d509)
    ("黄梅县第七小学教联体书记胡伟说", "model.pairing_support"),
    ("黄梅第七小学是首批省级示范教联体", "model.pairing_support"),
    # a group's party committee founded is party building (blind batch d502-d513, d507)
    ("擎启新章!三大教育集团党委成立!", "model.group_schooling"),
    # more statements of worth (blind batches d490-d513)
    ("肇始于上个世纪90年代的集团化办学已经成为中国教育发展的一道独特风景", "model.group_schooling"),
    ("集团化办学带来的效果是每一所新建学校的顺利起步,是薄弱学校的成长蜕变", "model.group_schooling"),
    # a leading school's type is no trusteeship
    ("其领办型学校为厦门外国语学校石狮分校", "model.trusteeship"),
    # leaders rotated, no teacher (blind batch d514-d525: 7 of 7 such sentences)
    ("新晃率先实施校级领导轮岗交流", "personnel.teacher_rotation"),
    ("临颍县教育局在全县教育系统开展中心校校长大轮岗工作", "personnel.teacher_rotation"),
    ("高新区打造产业大园区", "model.school_district"),
    ("撤并乡镇后,该村成为新镇的一个村", "model.joint_merger"),
    # the training market and its companies (blind batches d514-d549)
    ("大湾区非学历培训市场潜力大", "personnel.training"),
    ("(一)办学层次:培训机构;", "personnel.training"),
    # a body cited as the news source is not set up there
    ("从青海省中小学信息技术教育领导小组了解到,目前,青海已搭建起远程教育网络", "governance.structure"),
    # statements about the model, not a measure of it (mined from other pages)
    ("集团化办学可以实现优质教育资源共享", "model.group_schooling"),
    ("三大教育集团的成立，标志着全市教育资源整合迈出了坚实的一步", "model.group_schooling"),
    ("区领导对实验小学教育集团的成立表示热烈祝贺", "model.group_schooling"),
    # an agreement handed in (the seeds' charter), a trusteeship signed: no co-run school
    ("教育集团总校长向区教育局提交集团章程和合作办学协议", "model.joint_merger"),
    ("双方签署委托管理合作办学协议", "model.joint_merger"),
    ("计划建立11个覆盖幼、小、初三个学段的县级教研联盟", "resources.school_construction"),
    # an education company described or invited, not a group of schools formed
    ("于2017年成立的周大福教育集团,以香港为总部,是一家领先的综合教育集团", "model.group_schooling"),
    ("湖南文津教育管理有限公司是我省排名前列的民办教育集团", "model.group_schooling"),
    # a trusteeship alone is not a pairing; a party-building alliance is no alliance of schools
    ("部属高校县中托管帮扶项目协议签约仪式举行", "model.pairing_support"),
    ("省农科院与东湖街道以及社区结成党建联盟", "model.pairing_support"),
    ("实现优质师资共享、优质课程对接、优质资源配送", "personnel.teacher_rotation"),
    # lessons sent to a rural school are teachers moving, not master teachers leading; a title in passing is no measure
    ("骨干团队赴宁武县东关小学开展送教下乡活动", "personnel.master_teachers"),
    ("人社部新规把特级教师锁进县中6年", "personnel.master_teachers"),
    ("希望通过姊妹学校这一平台,让师生在学习中交流", "model.pairing_support"),
    ("教育部提出多校划片,是想通过这种方式为学区房降温", "enrollment.unified_enrollment"),
])
def test_false_friends_are_not_coded(matcher, sentence, category):
    assert category not in {h.category for h in matcher.match(sentence)}
