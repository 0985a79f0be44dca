"""Stage 6, resolve: state outlines and city positions in an equal-area projection, computed once here.

The dashboard draws them as plain Plotly traces (no geo/mapbox traces, which fetch tiles from a CDN), so it
never imports geopandas: the projection work is done at refresh time, not on every page view.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pandas as pd

CRS_SOURCE = "EPSG:4269"  # NAD83: the Census cartographic boundary files ship without a .prj
CRS_MAP = "EPSG:5070"  # CONUS Albers equal-area
SHAPEFILE = "cb_2016_us_state_500k.shp"
CENSUS_URL = "https://www.census.gov/geographies/mapping-files/time-series/geo/carto-boundary-file.html"
SIMPLIFY_M = 4_000  # 4 km: invisible at dashboard scale, keeps the figure JSON small
NOT_LOWER_48 = {"AK", "HI", "PR", "VI", "GU", "AS", "MP"}


def shapes_source() -> str:
    return (
        f"US Census Bureau 2016 cartographic boundaries ({SHAPEFILE}) via the plotly-geo "
        f"{metadata.version('plotly-geo')} package; projected to {CRS_MAP}"
    )


@functools.cache
def fingerprint() -> str:
    """Everything the state outlines depend on: the shapefile's bytes, this module's code, the package versions.
    Worked out once per process (a refresh asks for it twice: to reuse the outlines, and to record it)."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    folder = resources.files("_plotly_geo") / "package_data"
    for ext in ("shp", "shx", "dbf"):
        h.update((folder / SHAPEFILE.replace(".shp", f".{ext}")).read_bytes())
    for pkg in ("plotly-geo", "geopandas", "shapely", "pyproj", "pyogrio", "numpy"):
        h.update(f"{pkg}={metadata.version(pkg)};".encode())
    return h.hexdigest()


def _rings(geom) -> list[np.ndarray]:
    polys = getattr(geom, "geoms", [geom])
    return [np.asarray(ring.coords) for poly in polys for ring in [poly.exterior, *poly.interiors]]


def state_shapes() -> pd.DataFrame:
    """One row per state of the lower 48 (and DC): outline rings in km, rings separated by NaN."""
    import geopandas as gpd

    path = resources.files("_plotly_geo") / "package_data" / SHAPEFILE
    frame = gpd.read_file(str(path))
    frame = frame.set_crs(CRS_SOURCE, allow_override=True)
    frame = frame[~frame["STUSPS"].isin(NOT_LOWER_48)].to_crs(CRS_MAP)
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_M, preserve_topology=True)
    rows = []
    for rec in frame.sort_values("STUSPS").itertuples():
        xs: list[float] = []
        ys: list[float] = []
        for ring in _rings(rec.geometry):
            if xs:
                xs.append(float("nan"))
                ys.append(float("nan"))
            xs.extend(np.round(ring[:, 0] / 1000, 1).tolist())
            ys.extend(np.round(ring[:, 1] / 1000, 1).tolist())
        rows.append(
            {
                "state": rec.STUSPS,
                "name": rec.NAME,
                "x_km": xs,
                "y_km": ys,
                "source": CENSUS_URL,
                "source_note": shapes_source(),
            }
        )
    return pd.DataFrame(rows)


def project(lon: pd.Series, lat: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude (degrees, NAD83-compatible) to map km in the same projection as the shapes."""
    from pyproj import Transformer

    tr = Transformer.from_crs(CRS_SOURCE, CRS_MAP, always_xy=True)
    x, y = tr.transform(lon.to_numpy(float), lat.to_numpy(float))
    return np.round(np.asarray(x) / 1000, 1), np.round(np.asarray(y) / 1000, 1)
