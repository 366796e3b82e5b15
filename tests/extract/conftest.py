import pytest

REPLY = """重庆市教育委员会关于集团化办学工作的复函

一、已开展工作

南岸区、九龙坡区、合川区等区财政设立集团化办学专项经费，从经费上推动教育集团发展。
渝中区成立集团化办学工作领导小组，先后出台《关于开展中小学集团化办学改革试点工作的意见》等文件。
根据《上海市学区化集团化办学三年行动计划》，全市推进教师交流轮岗。

二、存在问题

教师交流渠道尚不通畅，学区管理经费不足。

三、下一步打算

推动建立学区一体化管理机制，统筹调配学区内师资。
"""


@pytest.fixture()
def reply_doc(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    return path
