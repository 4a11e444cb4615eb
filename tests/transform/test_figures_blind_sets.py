"""Gate: the passages written blind (issue 8, sessions 9-15; tests/figure_blind.py) stay read.

The errors of rounds 1-14 were read and turned into rules, so their floors are tuned numbers, not
estimates: they stop a later rule from losing what these rules read. Round 15 was scored once and not
read (its floors are that measure, less a margin). The honest numbers are the first
measures in `tests.figure_blind.FIRST_MEASURED` (README "Written blind"). The hashes make any edit to
a set visible here, so a passage cannot be changed to fit the reader without this test changing too.
"""

from __future__ import annotations

import hashlib

import pytest

from tests.figure_blind import BLIND_DIR, FIRST_MEASURED, load_set, score_set

PINNED = {
    "r1_en": "d9738ddf9e879a3e791a718fccea1b4a5a187552c86a25654efa8ed650c9b201",
    "r1_off": "5acaa8ff38ff0649b5ce21dd7919f3ca33ace015a02582b2cec89997be541013",
    "r1_zh": "b9ee35d1a6908622489735328db3559ca9d7f0be17e8f9d1ed9ed07044e897cd",
    "r2_en": "e41343478b92910f3ba57fb70e8541bc4757c8a3d7df607686803f75bfe66764",
    "r2_off": "7b0732003910b38c575db6b95d2f7b4bdfb6001d4cef73578cb9b096642e6310",
    "r2_zh": "e82d87ca6ab3693ad554da1b5b28a80fae59a97c1373abd0c05f8f01be71cfa4",
    "r3_en": "743ef6b35fba8da76dd1bfc73a6f078b776b18c2b2bf173943adbaf1a9824956",
    "r3_off": "f685c36f16764e720b9195dc70ed0363dba2be8e057e22a6091f7fc879e1a694",
    "r3_zh": "3d86439e28c8a4436d8d4f9358ef5b4dc8599291cb8dce1eee03486fdfab3946",
    "r4_en": "fabd16ea6845e05380c783bda04de9ac05b6f8b414997a205575c1c77a9f43cc",
    "r4_off": "089c54b0c3c6d5e7ab246e412cb8fdc7eb5be96584cb16be8220c2d8c25491b3",
    "r4_zh": "f2a4d82f42c836bab5b6360407e9586f129a4b88a368303932c0c0fdb045afd7",
    "r5_en": "d954af69eeab9f8d29acc8d250aef1564be9b2c4ba669c4e515c9f61614e7075",
    "r5_mix": "55b6fc4bf46c15ae90898cc496c141d8f4a6d705d92c2198bb56fae6d969812f",
    "r5_off": "5600809572fb2e320068d5d0d73857d59dd68498f89f55f0c54edb36a90c18e6",
    "r5_zh": "573c6926637341aebe8b025f0d6c1b16c0bae284497d3d245b2af798eb563ab8",
    "r6_en": "7a616b44adc3608e4ad3852a174f6071eadab9d32d1cab21773d4e4d9b7bd71c",
    "r6_mix": "75c64de7773df4e78212dc81063be76689d2ad455f8c33d409a7a10ec3512cdb",
    "r6_off": "6d62861b87f96625b78cd893a4c3ec26763d3ec730e21bc8e16a595d1de2a0c6",
    "r6_zh": "9887b89ae2c29364e5fdaa71f81f43b23d076fff26d799e31d31e11803c80be2",
    "r7_en": "5be1ca2d841986f8a7b37f42b38ed5af4eb4189fe1770ab0729bd1e1dd40311c",
    "r7_mix": "7aca0b4bf5889913cf8ec9f9fb1b512a2d719d0495ed9760791fa1e4cf670f39",
    "r7_off": "1b2ee8bf39cbf2c85bb8c60a0f41515f7aec51e1e0610a5483638b61af590b4c",
    "r7_zh": "262b1e12165fc18d265638000fb4a53cb66015f667d48b1dabf429ec7abdafd4",
    "r8_en": "530efe4370bf8e059e8948b14f0185f73faa365e1e0f8ff800373fb2f45292f9",
    "r8_mix": "adab4eb911a90b1bbbbb23dd2033e9c1965ada449f066eccee167cb136fcf5f9",
    "r8_off": "0bef784dc0bf6c44db3b73be64416cc106e2dc76bc82c4b018a7f13dc50b6709",
    "r8_zh": "591eb7ba147a2627e219a29143e972ef27a9148a4d28a2af4793060c6658a261",
    "r9_en": "428b09695d225ab4b62c5065943266171726f5e4c89da5ee402fe84681714655",
    "r9_mix": "bd1c62ae8939e34421bc139f3a3e82980da684362ffabe8ecc82b140d725676f",
    "r9_off": "6cbf27bd2510869f5103a34621c9e6f2e43cff58759fd82180a67ce15e7d498b",
    "r9_zh": "7bb0416b45e7229b8a8a9f6c2fe48c9ea1b0877d7098fa7111c768a4f40d2f1f",
    "r10_en": "78992e999678e43dab068a964d5191c81a9376ea4620e37aaa66aa6d88a37599",
    "r10_mix": "ecb89c93cf41f214517b334ade17b072615bc18befbdbbe3239ea39e78d08089",
    "r10_off": "3a21d566cfce8638dc33df3e0a0b73960284aaf08a9292230855fac27007a58d",
    "r10_zh": "9eadfbcd6f0004b6a228fde03ce0ea3beb549bed0bfc448455f6f66385158b95",
    "r11_en": "cb993a56c65e84a57578b38c862512832a945f38bd67c8ed11f0103ea64d9586",
    "r11_mix": "54afab869e76b48f7ee2ce742016631d4af963dfb1ed1db4e12000a27fd007f1",
    "r11_off": "a864e5de7f66e85547cc4292519917e29368e3b7125375f321e323d3ef1f3fdb",
    "r11_zh": "e8a850427d3d882595bcf283fd491cdbe563e04e6e3f25d218d2d1626948c787",
    "r12_en": "a113edd614fd50cfec36903fb727fee5de7824ba3e215df1a9f8e8b02f92b04b",
    "r12_mix": "89c198fe6e5471907e97e486a318ef8d640347a8447b51e5e9699a08836b243f",
    "r12_off": "78d36b17868658ebc2537157198012c4d3366042b995a9fb8682c6a6e0acc577",
    "r12_zh": "0573752de53a7a022e9b8d5467f11084cffd0f390cda6f079373d994ce42fc40",
    "r13_en": "39b271f1d6453037dc7a0b9ef9fc8d1bc5d61f30d0796c9ce15d698be2f3d7bb",
    "r13_mix": "1db2e127434de1891c138841efd0448c5594238e39d4d18f2a68a31944004c2b",
    "r13_off": "cf22895ca22959357ecea0330c8af5e26ab5e95db8bec2d3dac81df0642cd614",
    "r13_zh": "12ae98031b646c5053d9374cd8996e858ccdbfcdc825d53d8b07a634e6ed7fe3",
    "r14_en": "21e83966ae63faaea78e6dc28d4bf3d68a4cf7ca400a46a0566228b23ee80e55",
    "r14_mix": "25de9097576f1d0220cf94133b0d4befc4f800966ad65ff1092d48231c6b05e8",
    "r14_off": "b8f463f24d19c6b60fc767c58145f223aee97c84b7c1e0ee7d7ceba4bfe236d9",
    "r14_zh": "e2bcff4b6a3dcd7793f9959dfe4e7111c0a9aa981ebe1870f4d77fd2a0494ff3",
    "r15_en": "cf9e16348a97e59fafda3aa8c18d0c819a50f525103941cf5967c5aa93e873df",
    "r15_mix": "028f059e3c6b69bba5cc7807f69b50062e7be060bc6b45fc509e5afc3fa1b5f6",
    "r15_off": "c20008ed4253ace9e4791d9869180a1ae24338155b3e48c375b15a2a819d84ec",
    "r15_zh": "78aac27d96e1722bf543852088866a08b9546c3d42c09fec54952746a153e153",
    "r16_en": "274321c5051e8d6b01e7bde359766e864e79f6395010f1586044abd05f7cf310",
    "r16_mix": "74beabbdbd31a4f8d30a4d26c84bbe2e22fb368a92b5f171c77bf8f56146a2dd",
    "r16_off": "6d39148ab08369607c10faa75ce68265bb63d30cb71351ca7c07c7d1684336bd",
    "r16_zh": "35c60aae952398eaba4692503823764ac43157b08d5e063cfba5621c896e3473",
    "r17_en": "09c0649165673cf4e8d4ccc4c0b884b6a8aed58d6ff68f80d586b7ed1c72de89",
    "r17_mix": "5240288b0cbbc875c3b227feb336ad36aab7efa162172dab0b4456191415410e",
    "r17_off": "8d37b1a67ed95b652e80a1b8bde485e11f65b65dfefac86c7cfa149f62d8294a",
    "r17_zh": "f4110eb03eb31ee8fdbb729cae5a47eb7a00587ada6e6e16f6337033e8cee5d1",
    "r18_en": "5df8921b9915108dcca0b878b5e7501028058cab2332c558608e947e8f36dad6",
    "r18_mix": "7b12187f3f3c791b09344c20f318ddf4b2fecfd948afb37b5e6fb67351a25c07",
    "r18_off": "837479b87594506fb27e168874d3ae128bdbabb69e0c512da301c7e89d4454ce",
    "r18_zh": "998713f06e381adf37b49eca4707f21b875a321a75d5e99b5c75f0983098c812",
}
# (recall, precision) floors: a little under the score after the rules read from the set
FLOORS = {
    "r1_en": (0.95, 0.96),
    "r1_off": (0.97, 0.97),
    "r1_zh": (0.97, 0.97),
    "r2_en": (0.87, 0.94),
    "r2_off": (0.97, 0.97),
    "r2_zh": (0.94, 0.96),
    "r3_en": (0.95, 0.96),
    "r3_off": (0.94, 0.97),
    "r3_zh": (0.98, 0.98),
    # round 4 was read in session 11
    "r4_en": (0.98, 0.98),
    "r4_off": (0.98, 0.98),
    "r4_zh": (0.98, 0.98),
    # rounds 5 and 6 were read in session 12
    "r5_en": (0.91, 0.96),
    "r5_mix": (0.92, 0.96),
    "r5_off": (0.96, 0.97),
    "r5_zh": (0.98, 0.98),
    "r6_en": (0.94, 0.97),
    "r6_mix": (0.97, 0.95),
    "r6_off": (0.98, 0.98),
    "r6_zh": (0.98, 0.98),
    # rounds 7 and 8 were read in session 13
    "r7_en": (0.99, 0.99),
    "r7_mix": (0.99, 0.99),
    "r7_off": (0.99, 0.99),
    "r7_zh": (0.99, 0.99),
    "r8_en": (0.97, 0.97),
    "r8_mix": (0.95, 0.97),
    "r8_off": (0.97, 0.97),
    "r8_zh": (0.97, 0.96),
    # round 9: read in session 14; just under its read scores
    "r9_en": (0.96, 0.98),
    "r9_mix": (0.98, 0.99),
    "r9_off": (0.98, 0.98),
    "r9_zh": (0.98, 0.98),
    # round 10: read in session 14; just under its read scores
    "r10_en": (0.98, 0.98),
    "r10_mix": (0.98, 0.98),
    "r10_off": (0.99, 0.99),
    "r10_zh": (0.99, 0.99),
    # round 11: read in session 15; just under its read scores
    "r11_en": (0.99, 0.99),
    "r11_mix": (0.99, 0.99),
    "r11_off": (0.99, 0.99),
    "r11_zh": (0.99, 0.99),
    # round 12: read in session 15; just under its read scores
    "r12_en": (0.99, 0.99),
    "r12_mix": (0.99, 0.99),
    "r12_off": (0.99, 0.99),
    "r12_zh": (0.99, 0.99),
    # round 13: read in session 15; just under its read scores
    "r13_en": (0.98, 0.99),
    "r13_mix": (0.99, 0.99),
    "r13_off": (0.98, 0.98),
    "r13_zh": (0.99, 0.99),
    # round 14: read at the end of session 15 (its extras; most of its misses not yet): just under now
    "r14_en": (0.97, 0.98),
    "r14_mix": (0.95, 0.95),
    "r14_off": (0.96, 0.99),
    "r14_zh": (0.99, 0.99),
    # round 15: read in session 17; under its score after the rules read from it
    "r15_en": (0.97, 0.98),
    "r15_mix": (0.99, 0.99),
    "r15_off": (0.98, 0.98),
    "r15_zh": (0.96, 0.96),
    # round 16: not read; its first measure (588f4dd), less a margin
    "r16_en": (0.94, 0.97),
    "r16_mix": (0.92, 0.94),
    "r16_off": (0.93, 0.98),
    "r16_zh": (0.94, 0.97),
    # round 17: not read; its first measure (7dd7427), less a margin
    "r17_en": (0.94, 0.94),
    "r17_mix": (0.90, 0.96),
    "r17_off": (0.95, 0.97),
    "r17_zh": (0.96, 0.95),
    # round 18: not read; its first measure (327167c), less a margin
    "r18_en": (0.88, 0.91),
    "r18_mix": (0.89, 0.91),
    "r18_off": (0.95, 0.98),
    "r18_zh": (0.96, 0.96),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_blind_sets_are_unchanged(name) -> None:
    digest = hashlib.sha256((BLIND_DIR / f"{name}.jsonl").read_bytes()).hexdigest()
    assert digest == PINNED[name], f"{name} changed: review the change, then update its pinned sha256"


@pytest.mark.parametrize("name", sorted(PINNED))
def test_blind_set_recall_and_precision(name) -> None:
    t = score_set(name)
    min_recall, min_precision = FLOORS[name]
    assert t.recall() >= min_recall and t.precision() >= min_precision, (
        f"{name}: recall {t.recall():.3f} (floor {min_recall}), precision {t.precision():.3f} "
        f"(floor {min_precision}); `python -m tests.figure_blind -v {name}` lists the misses"
    )


@pytest.mark.parametrize("name", sorted(PINNED))
def test_blind_sets_are_the_projects_own_text_with_a_first_measure(name) -> None:
    items = load_set(name)
    assert len(items) >= 30
    assert all(i["url"] == "probe:written-by-project" for i in items)
    assert any(not i["expected"] for i in items), "each set holds passages that must yield nothing"
    assert name in FIRST_MEASURED
    expected = sum(len(i["expected"]) for i in items)
    assert FIRST_MEASURED[name][1][1] == expected, "the first measure counts this set's expected figures"


# The unit each kind and metric is written in (ANNOTATION.md, and every corpus): a change in per cent is
# "percent" whatever it measures (round 14's official set first wrote its metric's unit there).
_UNITS = {("level", "cases"): "count", ("level", "loss"): "HKD", ("change_abs", "cases"): "count"}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_blind_sets_write_each_kind_in_its_unit(name) -> None:
    wrong = [
        (i["id"], e["kind"], e["metric"], e["unit"])
        for i in load_set(name)
        for e in i["expected"]
        if e["unit"]
        != ("percent" if e["kind"] == "change_pct" else _UNITS.get((e["kind"], e["metric"]), e["unit"]))
    ]
    assert not wrong, f"{name}: entries whose unit is not their kind's: {wrong[:5]}"
