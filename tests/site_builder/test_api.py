"""The app JSON API under /api/v1/, checked on real frozen builds of the tiny fixture site."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import PIL.Image
import pytest
from referencing import Registry, Resource

from site_builder.build import BuildError, build_site
from site_builder.web import api
from site_builder.web.app import create_app
from tests.conftest import REPO, TINY, TINY_NOW

EVENT_UID = "55555555-5555-4555-8555-555555555555"
PALACE_UID = "33333333-3333-4333-8333-333333333333"


def _build(content: Path, out: Path) -> Path:
    build_site(content, out, now=TINY_NOW)
    return out


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(TINY, tmp_path_factory.mktemp("tiny") / "dist")


def _published_registry(site: Path) -> Registry:
    """The schemas exactly as the site publishes them, under their published $id."""
    schemas = [json.loads(p.read_text()) for p in sorted((site / "api/v1/schema").glob("*.json"))]
    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)


def _schema_of(path: Path, site: Path) -> str:
    relative = path.relative_to(site).as_posix()
    if relative.startswith("portal/"):
        return "portal"
    name = relative.removeprefix("api/v1/")
    if name == "index.json":
        return "index"
    collection, _, file = name.partition("/")
    return "page" if file.startswith("page-") else api.COLLECTIONS[collection]


def _validate_every_document(site: Path) -> int:
    registry = _published_registry(site)
    documents = [p for p in sorted(site.glob("api/v1/**/*.json")) if "/schema/" not in p.as_posix()]
    documents += sorted(site.glob("portal/*/portal.json"))
    for path in documents:
        document = json.loads(path.read_text())
        schema = registry.get_or_retrieve(document["$schema"]).value.contents
        assert document["$schema"].endswith(f"/api/v1/schema/{_schema_of(path, site)}.json"), path
        errors = list(jsonschema.Draft202012Validator(schema, registry=registry).iter_errors(document))
        assert not errors, f"{path}: {[e.message for e in errors]}"
    return len(documents)


def test_every_document_of_the_tiny_build_validates_against_its_published_schema(tiny_site: Path):
    checked = _validate_every_document(tiny_site)
    # index + 5 collections × (1 page + items) + portal.json
    assert checked == 1 + 5 + 2 + 2 + 1 + 1 + 1 + 1


@pytest.mark.slow
def test_every_document_of_the_demo_content_validates_against_its_published_schema(tmp_path: Path):
    content = REPO / "content"
    site = tmp_path / "dist"
    build_site(content, site)
    assert _validate_every_document(site) > 50


def test_published_schemas_carry_the_site_address_as_their_id(tiny_site: Path):
    schema = json.loads((tiny_site / "api/v1/schema/event.json").read_text())
    assert schema["$id"] == "https://wisata.example.test/api/v1/schema/event.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_index_links_every_collection_and_schema_and_dates_the_content_in_wib(tiny_site: Path):
    index = json.loads((tiny_site / "api/v1/index.json").read_text())
    assert index["updated"] == "2026-10-01T09:00:00+07:00"
    assert index["counts"] == {"categories": 2, "attractions": 2, "events": 1, "hotspots": 1, "promotions": 1}
    for collection in api.COLLECTIONS:
        for url in index["collections"][collection]["pages"]:
            assert (tiny_site / url.removeprefix("https://wisata.example.test/")).is_file()
    assert set(index["schemas"]) >= {"index", "page", "attraction", "event", "portal"}
    assert index["manifest"][PALACE_UID]["type"] == "attraction"


def test_an_item_carries_both_languages_links_and_image_renditions(tiny_site: Path):
    palace = json.loads((tiny_site / f"api/v1/attractions/{PALACE_UID}.json").read_text())
    assert palace["text"]["id"]["title"] == "Keraton Uji" and palace["text"]["en"]["title"] == "Test Palace"
    assert palace["text"]["en"]["translated"] is True
    assert palace["links"]["page"]["en"] == "https://wisata.example.test/en/attractions/test-palace/"
    [image] = palace["images"]
    assert image["alt"] == {"id": "Ilustrasi gerbang keraton", "en": "Illustration of a palace gate"}
    assert image["alt_lang"] == {"id": "id", "en": "en"}
    original = image["renditions"][0]
    assert original["url"].endswith("/media/attractions/keraton-uji/cover.png") and original["original"] is True
    assert original["width"] == image["width"] > 0
    park = json.loads((tiny_site / "api/v1/attractions/44444444-4444-4444-8444-444444444444.json").read_text())
    assert park["text"]["en"] | {"translated": None} == park["text"]["id"] | {"translated": None}
    assert park["text"]["en"]["translated"] is False and park["text"]["en"]["lang"] == "id"


def test_the_same_uid_names_the_event_in_json_ics_and_jsonld(tiny_site: Path):
    event = json.loads((tiny_site / f"api/v1/events/{EVENT_UID}.json").read_text())
    assert event["jsonld_id"] == f"urn:uuid:{EVENT_UID}"
    ical_uids = [o["ical_uid"] for o in event["occurrences"]]
    assert ical_uids == [f"{EVENT_UID}-2026@wisata.example.test", f"{EVENT_UID}-2027@wisata.example.test"]
    if event["links"]["ics"] is not None:
        ics = (tiny_site / event["links"]["ics"]["en"].removeprefix("https://wisata.example.test/")).read_text()
        assert re.findall(r"^UID:(.+?)\r?$", ics, re.M) == ical_uids
    page = (
        tiny_site / event["links"]["page"]["en"].removeprefix("https://wisata.example.test/") / "index.html"
    ).read_text()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ids = [node["@id"] for block in blocks for node in _nodes(json.loads(block))]
    assert [o["jsonld_id"] for o in event["occurrences"]] == [i for i in ids if i.startswith(event["jsonld_id"])]


def _nodes(data):
    if isinstance(data, list):
        return [node for item in data for node in _nodes(item)]
    return [data] + _nodes(data.get("@graph", []))


def test_the_change_manifest_changes_for_exactly_the_edited_item(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    before = json.loads((_build(content, tmp_path / "a") / "api/v1/index.json").read_text())["manifest"]
    palace = content / "attractions/keraton-uji/index.en.md"
    palace.write_text(palace.read_text().replace("This palace is **old**.", "This palace is **very old**."))
    after = json.loads((_build(content, tmp_path / "b") / "api/v1/index.json").read_text())["manifest"]
    changed = sorted(uid for uid in before if before[uid] != after[uid])
    assert changed == [PALACE_UID]
    assert before[PALACE_UID]["hash"] != after[PALACE_UID]["hash"]
    assert set(before) == set(after)


def test_same_content_gives_the_same_bytes(tmp_path: Path, tiny_site: Path):
    again = _build(TINY, tmp_path / "again")
    for path in sorted(tiny_site.glob("api/v1/**/*.json")):
        assert (again / path.relative_to(tiny_site)).read_bytes() == path.read_bytes(), path


def test_collections_split_into_linked_pages(tiny_catalog, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    app = create_app(tiny_catalog, now=TINY_NOW, content_dir=TINY)
    documents = api.documents(app)
    first = json.loads(documents["attractions/page-1.json"])
    second = json.loads(documents["attractions/page-2.json"])
    assert (first["page"], first["pages"], first["count"]) == (1, 2, 2)
    assert first["next"] == second["$schema"].replace("schema/page.json", "attractions/page-2.json")
    assert second["prev"].endswith("/api/v1/attractions/page-1.json") and second["next"] is None
    assert [i["uid"] for i in first["items"] + second["items"]] == sorted(
        i["uid"] for i in first["items"] + second["items"]
    )


def test_a_document_that_breaks_its_schema_fails_the_build_naming_it(tiny_catalog, monkeypatch):
    shape = api._attraction
    monkeypatch.setattr(api, "_attraction", lambda item: {**shape(item), "highlight": "yes"})
    app = create_app(tiny_catalog, now=TINY_NOW, content_dir=TINY)
    with pytest.raises(BuildError, match=r"/api/v1/attractions/3{8}-.*\.json does not match .*attraction\.json"):
        dict(api.documents(app))  # each document is built when first asked


def test_api_documents_are_served_as_json(client):
    response = client.get("/api/v1/index.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert client.get("/api/v1/nothing.json").status_code == 404


# --- what an app reads literally --------------------------------------------------------------------


def _document(catalog, name: str) -> dict:
    return json.loads(api.documents(create_app(catalog, now=TINY_NOW, content_dir=TINY))[name])


def test_images_list_the_renditions_the_site_serves_with_width_type_and_bytes(tiny_site: Path):
    palace = json.loads((tiny_site / f"api/v1/attractions/{PALACE_UID}.json").read_text())
    [image] = palace["images"]
    original, *renditions = image["renditions"]
    assert original["type"] == "image/png" and original["original"] is True
    webp = [r for r in renditions if r["type"] == "image/webp"]
    assert webp and [r["width"] for r in webp] == sorted(r["width"] for r in webp)
    assert all(r["width"] <= original["width"] for r in renditions)  # never upscaled (the tiny cover is 16 px)
    assert {r["type"] for r in renditions} == {"image/webp", "image/png"}
    for rendition in image["renditions"]:
        served = tiny_site / rendition["url"].removeprefix("https://wisata.example.test/")
        assert served.stat().st_size == rendition["bytes"], rendition["url"]
        with PIL.Image.open(served) as opened:
            assert opened.size == (rendition["width"], rendition["height"])
            assert PIL.Image.MIME[opened.format] == rendition["type"]
    assert all(r["original"] is False for r in renditions)


def test_an_untranslated_alt_says_it_is_indonesian(tiny_catalog):
    palace = next(a for a in tiny_catalog.attractions if a.uid == PALACE_UID)
    [picture] = palace.images
    untranslated = replace(palace, images=(replace(picture, alt={"id": picture.alt["id"]}),))
    others = tuple(a for a in tiny_catalog.attractions if a is not palace)
    catalog = replace(tiny_catalog, attractions=(untranslated, *others))
    [image] = _document(catalog, f"attractions/{PALACE_UID}.json")["images"]
    assert image["alt"] == {"id": "Ilustrasi gerbang keraton", "en": "Ilustrasi gerbang keraton"}
    assert image["alt_lang"] == {"id": "id", "en": "id"}


def test_every_occurrence_names_its_venue(tiny_site: Path):
    event = json.loads((tiny_site / f"api/v1/events/{EVENT_UID}.json").read_text())
    assert [o["venue_name"] for o in event["occurrences"]] == ["Keraton Uji", "Keraton Uji"]


def _badging_fields(text: str) -> set[str]:
    """The fields a sentence that mentions a badge tells the app to read."""
    sentences = re.split(r"(?<=[.;])\s+", text)
    return {field for sentence in sentences if "badge" in sentence for field in re.findall(r"`(\w+)", sentence)}


def test_a_confirmed_occurrence_is_not_badged_tentative_by_any_documented_field(tiny_catalog):
    # Confirmed by an editor after the rule projected it: projected stays true, the date is certain.
    rite = next(e for e in tiny_catalog.events if e.uid == EVENT_UID)
    confirmed = replace(rite.occurrences[1], status="confirmed", projected=True, sequence=1)
    event = replace(rite, occurrences=(rite.occurrences[0], confirmed))
    catalog = replace(tiny_catalog, events=(event,))
    occurrence = _document(catalog, f"events/{EVENT_UID}.json")["occurrences"][1]
    assert (occurrence["status"], occurrence["projected"]) == ("confirmed", True)
    # What the docs and the schema tell an app to badge by: status only, never projected.
    guide = (REPO / "docs/API.md").read_text(encoding="utf-8")
    schema = json.loads((REPO / "site_builder/api_schema/event.json").read_text(encoding="utf-8"))
    fields = schema["properties"]["occurrences"]["items"]["properties"]
    described = " ".join(f"`{name}` {spec.get('description', '')}" for name, spec in fields.items())
    badging = _badging_fields(guide)
    assert "status" in badging and "projected" not in badging
    assert {name for name, spec in fields.items() if "badge" in spec.get("description", "")} == {"status"}
    assert "tentative until confirmed" not in described and "tentative until confirmed" not in guide
    assert occurrence["status"] not in {"tentative", "postponed"}


def test_the_schema_version_and_its_changelog_in_the_api_docs_agree(tiny_site: Path):
    index = json.loads((tiny_site / "api/v1/index.json").read_text())
    assert index["schema_version"] == api.SCHEMA_VERSION == 2
    guide = (REPO / "docs/API.md").read_text(encoding="utf-8")
    changelog = guide.split("## Changelog", 1)[1]
    versions = [int(n) for n in re.findall(r"^### schema_version (\d+)", changelog, re.M)]
    assert versions == list(range(api.SCHEMA_VERSION, 0, -1))
    latest = changelog.split("### schema_version 1", 1)[0]
    for change in ("].projected`", "].status`", "].venue_name`", "`bytes`", "].alt_lang`"):
        assert change in latest


def _urls(node) -> list[str]:
    if isinstance(node, dict):
        return [url for value in node.values() for url in _urls(value)]
    if isinstance(node, list):
        return [url for value in node for url in _urls(value)]
    return [node] if isinstance(node, str) and node.startswith(("http://", "https://")) else []


def test_a_staging_build_links_only_to_itself(tiny_catalog):
    # `wistakon build --base-url` (and `wistakon demo`, which passes its own address): an app developer
    # testing against it never has to rewrite hosts.
    staging = "http://127.0.0.1:8080"
    documents = api.documents(create_app(tiny_catalog, now=TINY_NOW, content_dir=TINY, base_url=staging))
    urls = [url for name in documents for url in _urls(json.loads(documents[name]))]
    assert len(urls) > 50
    elsewhere = {url for url in urls if not url.startswith(staging + "/")}
    assert elsewhere == {"https://json-schema.org/draft/2020-12/schema"}  # the schemas' own meta-schema
    event = json.loads(documents[f"events/{EVENT_UID}.json"])
    assert event["occurrences"][0]["ical_uid"].endswith("@wisata.example.test")  # the UID keeps production's host
