#!/usr/bin/env python3
"""Writes submit-years-azure.json: SubmitYears' Azure path for 2001-2008 with one failing task.

Shapes follow the Batch data plane (api-version 2025-06-01) and the registry v2 API; values are invented, and no
secret appears (task bodies with SAS URLs are not pinned, Authorization headers are never compared).
Run: python3 make_submit_years_cassette.py
"""
import json

BATCH = "https://acct.westeurope.batch.azure.com"
API = "api-version=2025-06-01"
JOB = "airlines-test-job"
JSON_HEADERS = {"Content-Type": "application/json; odata=minimalmetadata", "request-id": "00000000-0000-0000-0000-000000000001"}
YEARS = list(range(2001, 2009))
FAILED = 2005


def interaction(method, url, status, body=None, headers=None, request_headers=None):
    request = {"method": method, "url": url}
    if request_headers:
        request["headers"] = request_headers
    response = {"status": status, "headers": headers or {}}
    if body is not None:
        response["body"] = body if isinstance(body, str) else json.dumps(body)
    return {"request": request, "response": response}


def counts(active, running, completed, succeeded, failed):
    c = {"active": active, "running": running, "completed": completed, "succeeded": succeeded, "failed": failed}
    return {"taskCounts": c, "taskSlotCounts": c}


def task(year):
    failed = year == FAILED
    info = {"startTime": "2026-11-25T10:00:05.0000000Z", "endTime": "2026-11-25T10:00:35.0000000Z",
            "exitCode": 1 if failed else 0, "result": "failure" if failed else "success", "retryCount": 0, "requeueCount": 0}
    if failed:
        info["failureInfo"] = {"category": "usererror", "code": "FailureExitCode",
                               "message": "The task process exited with an unexpected exit code"}
    return {"id": f"airlines{year}", "state": "completed", "executionInfo": info}


STDERR = ("progress: 41% (48.1 of 117.8 MB) at 24.0 MB/s, 0:02 elapsed, ETA 0:03\n"
          "AirlineAnalytics: error: https://demo.blob.core.windows.net/raw/airlines/2005.csv.bz2: "
          "corruptCompressedInput: bzip2 block 3 CRC mismatch at byte 50331648\n")

interactions = [
    interaction("HEAD", "https://devregistry.azurecr.io/v2/airline-analytics/manifests/1.0", 200,
                headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json",
                         "Docker-Content-Digest": "sha256:" + "ab" * 32,
                         "Docker-Distribution-Api-Version": "registry/2.0"}),
    interaction("POST", f"{BATCH}/pools?{API}", 409, headers=JSON_HEADERS, body={
        "odata.metadata": f"{BATCH}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
        "code": "PoolExists",
        "message": {"lang": "en-US", "value": "The specified pool already exists.\nRequestId:00000000-0000-0000-0000-000000000000\nTime:2026-11-25T10:00:00.0000000Z"}}),
    interaction("POST", f"{BATCH}/jobs?{API}", 201,
                headers={"DataServiceId": f"{BATCH}/jobs/{JOB}", "Location": f"{BATCH}/jobs/{JOB}",
                         "request-id": "00000000-0000-0000-0000-000000000001"}),
    interaction("POST", f"{BATCH}/jobs/{JOB}/addtaskcollection?{API}", 200, headers=JSON_HEADERS, body={
        "value": [{"status": "success", "taskId": f"airlines{y}", "eTag": "0x8DD0000000000001",
                   "lastModified": "2026-11-25T10:00:01.0000000Z",
                   "location": f"{BATCH}/jobs/{JOB}/tasks/airlines{y}"} for y in YEARS]}),
    interaction("PATCH", f"{BATCH}/jobs/{JOB}?{API}", 200, headers={"request-id": "00000000-0000-0000-0000-000000000001"}),
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, headers=JSON_HEADERS, body=counts(8, 0, 0, 0, 0)),
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, headers=JSON_HEADERS, body=counts(5, 3, 0, 0, 0)),
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, headers=JSON_HEADERS, body=counts(0, 3, 5, 4, 1)),
    interaction("GET", f"{BATCH}/jobs/{JOB}/taskcounts?{API}", 200, headers=JSON_HEADERS, body=counts(0, 0, 8, 7, 1)),
    interaction("GET", f"{BATCH}/jobs/{JOB}/tasks?{API}&$select=id,state,executionInfo", 200, headers=JSON_HEADERS,
                body={"value": [task(y) for y in YEARS]}),
    interaction("HEAD", f"{BATCH}/jobs/{JOB}/tasks/airlines{FAILED}/files/stderr.txt?{API}", 200,
                headers={"Content-Length": str(len(STDERR)), "Content-Type": "application/octet-stream",
                         "ocp-batch-file-isdirectory": "false", "request-id": "00000000-0000-0000-0000-000000000001"}),
    interaction("GET", f"{BATCH}/jobs/{JOB}/tasks/airlines{FAILED}/files/stderr.txt?{API}", 200, body=STDERR,
                headers={"Content-Length": str(len(STDERR)), "Content-Type": "application/octet-stream",
                         "request-id": "00000000-0000-0000-0000-000000000001"}),
]

with open("submit-years-azure.json", "w") as f:
    json.dump({"name": "submit-years-azure", "interactions": interactions}, f, indent=2, sort_keys=True)
    f.write("\n")
