"""Scale-out on Dask: the same stages as `process`, run by partition on a cluster.

    from distributed import Client, LocalCluster
    from eventwire.scale import process_on_dask, load_parts_into_store

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        report = process_on_dask(["articles/"], "parts/", settings, client=client)
    with Corpus("news.db") as corpus:
        load_parts_into_store("parts/", corpus)

Inputs and ``out_dir`` must be reachable under the same paths from every worker
(a shared file system on a real cluster). Without a client the partitions run one
after another in this process, which needs no Dask at all.
"""

from __future__ import annotations

from .driver import ScaleReport, list_units, partition_units, process_on_dask
from .parts import LoadReport, load_parts_into_store, read_part_records

__all__ = [
    "process_on_dask",
    "load_parts_into_store",
    "read_part_records",
    "list_units",
    "partition_units",
    "ScaleReport",
    "LoadReport",
]
