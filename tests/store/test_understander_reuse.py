"""An import of figures does not rebuild the understander (nationally 1.5-3 s after every import): it is built
from names only, which an import of figures does not change; a change of names (an alias) builds it again."""

from __future__ import annotations

from sqlmodel import Session

from bot.imports import apply_plan, plan_import
from bot.imports.apply import bump_data_version
from bot.services import Service
from models.tables import RegionAlias


def test_the_understander_is_kept_across_imports_of_figures_and_rebuilt_when_names_change(service: Service) -> None:
    first = service.answerer()
    data = b"tahun,wilayah,program,jumlah_kk\n2024,Lingga,BSKK,123\n2024,21.71.01,UEP,7\n"
    plan = plan_import(service.engine, data, "2024.csv", service.row_parser())
    assert plan.ok, plan.problems
    apply_plan(service.engine, plan, "test")
    service.invalidate()
    second = service.answerer()
    assert second is not first and second.facts is not first.facts  # the figures are read again
    assert second.understander.gazetteer is first.understander.gazetteer  # built from names: not built again
    assert "123 KK" in second.answer("berapa KK BSKK di Lingga tahun 2024?").plain()

    with Session(service.engine) as session:  # a new name: "Pulau Sejuta Pantai" for Lingga
        session.add(RegionAlias(alias="Pulau Sejuta Pantai", region_code="21.04"))
        bump_data_version(session)
        session.commit()
    service.invalidate()
    third = service.answerer()
    assert third.understander.gazetteer is not first.understander.gazetteer
    assert "123 KK" in third.answer("berapa KK BSKK di Pulau Sejuta Pantai tahun 2024?").plain()


def test_a_kept_understander_reads_the_sums_of_the_new_figures(service: Service) -> None:
    """What the understander reads of the figures (the kab/kota sum short of the province total, which a user quotes
    to ask why the two differ) comes from the newest snapshot, not from the one it was first built for."""
    first = service.answerer()
    data = b"tahun,wilayah,program,jumlah_kk\n2024,Kepulauan Riau,BSKK,350\n2024,Lingga,BSKK,100\n2024,Batam,BSKK,200\n"
    plan = plan_import(service.engine, data, "2024.csv", service.row_parser())
    assert plan.ok, plan.problems
    apply_plan(service.engine, plan, "test")
    service.invalidate()
    second = service.answerer()

    assert second.understander.gazetteer is first.understander.gazetteer  # built from names: not built again
    assert second.understander.facts is second.facts
    assert 300 in second.understander.sums_by_kabkota  # 100 + 200 of the 350 reported for the province
    assert 300 not in first.understander.sums_by_kabkota
