#!/usr/bin/env python3
"""Writes dashboard-azure.json: what BatchJobStateSource reads from Azure Batch for job airlines-dash on pool
airlines, refresh by refresh, with the source's clock at T0 + 0, 2, 5, 10 and 15 seconds (T0 = 2026-12-06T10:00:00Z).

Hand-written in the shape of recorded Batch responses (api-version 2025-06-01). The task command lines carry SAS
URLs whose `sig` is a made-up placeholder (NOT-A-REAL-SIGNATURE…): the dashboard must redact it on the page.
Run from this folder: python3 make_dashboard_fixture.py
"""
import json
from urllib.parse import quote

BATCH = "https://acct.westeurope.batch.azure.com"
API = "api-version=2025-06-01"
JOB, POOL = "airlines-dash", "airlines"
TASK_SELECT = "id,state,stateTransitionTime,commandLine,executionInfo,nodeInfo"
NODE_SELECT = "id,state,isDedicated,runningTasksCount"
POOL_SELECT = ("id,currentDedicatedNodes,currentLowPriorityNodes,targetDedicatedNodes,targetLowPriorityNodes,"
               "enableAutoScale,autoScaleRun")
JSON = {"Content-Type": "application/json; odata=minimalmetadata", "request-id": "00000000-0000-0000-0000-000000000001"}


def q(value):
    return quote(value, safe="")


def interaction(method, url, status, body="", headers=None):
    return {"request": {"method": method, "url": url},
            "response": {"status": status, "headers": headers or JSON, "body": body}}


def command(year):
    base = "https://demo.blob.core.windows.net"
    sas = "sv=2025-01-05&se=2026-12-06T14%3A00%3A00Z&sr=b&sig=NOT-A-REAL-SIGNATURE-{}{}%3D"
    return (f"/app/AirlineAnalytics --input '{base}/raw/airlines/{year}.csv.bz2?sp=r&{sas.format('IN', year)}' "
            f"--output '{base}/aggregated/airlines/{year}.parquet?sp=cw&{sas.format('OUT', year)}'")


def task(year, state, transition, node=None, start=None, end=None, exit_code=None, result=None, failure=None, retries=0):
    item = {"id": f"airlines{year}", "state": state, "stateTransitionTime": transition, "commandLine": command(year),
            "executionInfo": {"retryCount": retries, "requeueCount": 0}}
    info = item["executionInfo"]
    if start: info["startTime"] = start
    if end: info["endTime"] = end
    if exit_code is not None: info["exitCode"] = exit_code
    if result: info["result"] = result
    if failure: info["failureInfo"] = failure
    if node: item["nodeInfo"] = {"poolId": POOL, "nodeId": node, "affinityId": f"TVM:{node}"}
    return item


def listing(kind, items):
    return json.dumps({"odata.metadata": f"{BATCH}/$metadata#{kind}", "value": items})


def counts(active, running, completed, succeeded, failed):
    c = {"active": active, "running": running, "completed": completed, "succeeded": succeeded, "failed": failed}
    return json.dumps({"taskCounts": c, "taskSlotCounts": c})


T = "2026-12-06T09:5"  # minutes 50..59 before T0
failure = {"category": "usererror", "code": "FailureExitCode",
           "message": "The task exited with an exit code representing a failure"}
first_tasks = [
    task(2001, "completed", T + "8:10.000Z", "tvm-1", T + "0:05.000Z", T + "8:10.000Z", 0, "success"),
    task(2002, "completed", T + "8:40.000Z", "tvm-2", T + "0:06.000Z", T + "8:40.000Z", 0, "success"),
    task(2003, "completed", T + "7:30.000Z", "tvm-3", T + "0:07.000Z", T + "7:30.000Z", 1, "failure", failure, retries=2),
    task(2004, "running", T + "8:11.000Z", "tvm-1", T + "8:11.000Z"),
    task(2005, "running", T + "8:41.000Z", "tvm-2", T + "8:41.000Z"),
    task(2006, "running", T + "9:55.000Z", "tvm-4", T + "9:55.000Z"),
    task(2007, "active", T + "0:01.000Z"),
    task(2008, "active", T + "0:01.000Z"),
]
changed_tasks = [
    task(2004, "completed", "2026-12-06T10:00:06.000Z", "tvm-1", T + "8:11.000Z", "2026-12-06T10:00:06.000Z", 0, "success"),
    task(2005, "completed", "2026-12-06T10:00:07.000Z", "tvm-2", T + "8:41.000Z", "2026-12-06T10:00:07.000Z", 0, "success"),
    task(2006, "completed", "2026-12-06T10:00:08.000Z", "tvm-4", T + "9:55.000Z", "2026-12-06T10:00:08.000Z", 0, "success"),
    task(2007, "completed", "2026-12-06T10:00:08.500Z", "tvm-1", "2026-12-06T10:00:06.100Z", "2026-12-06T10:00:08.500Z", 0, "success"),
    task(2008, "completed", "2026-12-06T10:00:09.000Z", "tvm-2", "2026-12-06T10:00:07.100Z", "2026-12-06T10:00:09.000Z", 0, "success"),
]
nodes_first = [
    {"id": "tvm-1", "state": "running", "isDedicated": False, "runningTasksCount": 1},
    {"id": "tvm-2", "state": "running", "isDedicated": False, "runningTasksCount": 1},
    {"id": "tvm-3", "state": "idle", "isDedicated": False, "runningTasksCount": 0},
    {"id": "tvm-4", "state": "running", "isDedicated": False, "runningTasksCount": 1},
    {"id": "tvm-5", "state": "preempted", "isDedicated": False, "runningTasksCount": 0},
    {"id": "tvm-6", "state": "starttaskfailed", "isDedicated": False, "runningTasksCount": 0},
    {"id": "tvm-7", "state": "waitingforstarttask", "isDedicated": False, "runningTasksCount": 0},
    {"id": "tvm-8", "state": "unusable", "isDedicated": False, "runningTasksCount": 0},
]
nodes_later = [dict(n, state="idle" if n["state"] == "running" else n["state"], runningTasksCount=0) for n in nodes_first]
pool = {"id": POOL, "currentDedicatedNodes": 0, "currentLowPriorityNodes": 8, "targetDedicatedNodes": 0,
        "targetLowPriorityNodes": 8, "enableAutoScale": True,
        "autoScaleRun": {"timestamp": "2026-12-06T09:59:00.000Z",
                         "results": "$TargetDedicatedNodes=0;$TargetLowPriorityNodes=6;$NodeDeallocationOption=taskcompletion"}}
STDERR = ("AirlineAnalytics: reading https://demo.blob.core.windows.net/raw/airlines/2003.csv.bz2?sp=r&sv=2025-01-05"
          "&sig=NOT-A-REAL-SIGNATURE-ERR%3D\nAirlineAnalytics: error: corruptCompressedInput: bzip2 block 3 CRC mismatch\n")

tasks_url = f"{BATCH}/jobs/{JOB}/tasks?{API}&$select={q(TASK_SELECT)}&maxresults=1000"
changed_filter = "stateTransitionTime ge DateTime'2026-12-06T09:59:25.000Z'"
interactions = [
    # t = 0: everything is read once.
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, counts(2, 3, 3, 2, 1)),
    interaction("GET", tasks_url, 200, listing("tasks", first_tasks)),
    interaction("GET", f"{BATCH}/pools/{POOL}/nodes?{API}&$select={q(NODE_SELECT)}&maxresults=1000", 200,
                listing("nodes", nodes_first)),
    interaction("GET", f"{BATCH}/pools/{POOL}?{API}&$select={q(POOL_SELECT)}", 200, json.dumps(pool)),
    # t = 2: nothing is due. t = 5: the counts only.
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, counts(0, 3, 5, 4, 1)),
    # t = 10: the counts moved, so the tasks changed since 09:59:55 (minus the 30 s overlap) are listed.
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, counts(0, 0, 8, 7, 1)),
    interaction("GET", f"{BATCH}/jobs/{JOB}/tasks?{API}&$filter={q(changed_filter)}&$select={q(TASK_SELECT)}&maxresults=1000",
                200, listing("tasks", changed_tasks)),
    # t = 15: the counts again (unchanged, the listed tasks add up: no listing) and the nodes.
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, counts(0, 0, 8, 7, 1)),
    interaction("GET", f"{BATCH}/pools/{POOL}/nodes?{API}&$select={q(NODE_SELECT)}&maxresults=1000", 200,
                listing("nodes", nodes_later)),
    # The failed task's stderr, on click: HEAD for the size, one ranged GET.
    interaction("HEAD", f"{BATCH}/jobs/{JOB}/tasks/airlines2003/files/stderr.txt?{API}", 200,
                headers={"Content-Length": str(len(STDERR)), "Content-Type": "application/octet-stream",
                         "ocp-batch-file-isdirectory": "false"}),
    interaction("GET", f"{BATCH}/jobs/{JOB}/tasks/airlines2003/files/stderr.txt?{API}", 200, body=STDERR,
                headers={"Content-Length": str(len(STDERR)), "Content-Type": "application/octet-stream"}),
]

with open("dashboard-azure.json", "w") as f:
    json.dump({"name": "dashboard-azure", "interactions": interactions}, f, indent=2, sort_keys=True)
    f.write("\n")
