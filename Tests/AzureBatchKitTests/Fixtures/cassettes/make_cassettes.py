#!/usr/bin/env python3
"""Writes the hand-built cassettes in this folder (the project's fixture format, see AzureKitTesting.Fixture).

They follow the flows documented in shared/reference/batch-api.md (§5 errors, §7 paging, §8 operations,
§8.1 addtaskcollection) and the shapes of the official examples in ../examples. Run it from this folder.
"""
import json

BASE = "https://account.region.batch.azure.com"
V = "api-version=2025-06-01"
JSON_CT = "application/json; odata=minimalmetadata"


def err(code, message, values=None):
    body = {"odata.metadata": f"{BASE}/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element",
            "code": code,
            "message": {"lang": "en-US", "value": f"{message}\nRequestId:00000000-0000-0000-0000-000000000000\nTime:2025-10-01T12:00:00.0000000Z"}}
    if values:
        body["values"] = [{"key": k, "value": v} for k, v in values]
    return body


def ix(method, url, status, body=None, resp=None, req_headers=None, resp_headers=None):
    request = {"method": method, "url": url}
    if req_headers:
        request["headers"] = req_headers
    if body is not None:
        request["body"] = json.dumps(body)
    response = {"status": status, "headers": {"request-id": "00000000-0000-0000-0000-000000000001", **(resp_headers or {})}}
    if resp is not None:
        response["body"] = resp if isinstance(resp, str) else json.dumps(resp)
        response["headers"].setdefault("Content-Type", JSON_CT)
    return {"request": request, "response": response}


def write(name, interactions):
    with open(f"{name}.json", "w") as f:
        json.dump({"name": name, "interactions": interactions}, f, indent=1, sort_keys=True)
        f.write("\n")


# The original job's pool, expressed with a current image (what PoolTests builds with the DSL).
POOL = {
    "id": "Airlines", "vmSize": "standard_e2s_v3",
    "virtualMachineConfiguration": {
        "imageReference": {"publisher": "microsoft-dsvm", "offer": "ubuntu-hpc", "sku": "2404", "version": "latest"},
        "nodeAgentSKUId": "batch.node.ubuntu 24.04",
        "containerConfiguration": {
            "type": "dockerCompatible",
            "containerImageNames": ["myregistry.azurecr.io/airlines/analytics:1.0"],
            "containerRegistries": [{"registryServer": "myregistry.azurecr.io", "username": "myregistry", "password": "fake-password-for-tests"}],
        },
    },
    "targetDedicatedNodes": 0, "targetLowPriorityNodes": 3,
}
created = {"DataServiceId": f"{BASE}/pools/Airlines", "ETag": "0x8D45765A6A2DC04", "Last-Modified": "Fri, 17 Feb 2025 00:00:00 GMT", "Location": f"{BASE}/pools/Airlines"}
write("create-pool-created", [ix("POST", f"{BASE}/pools?{V}", 201, POOL, req_headers={"Content-Type": JSON_CT}, resp_headers=created)])
write("create-pool-exists", [ix("POST", f"{BASE}/pools?{V}", 409, POOL, err("PoolExists", "The specified pool already exists."))])
write("create-job", [ix("POST", f"{BASE}/jobs?{V}", 201, {"id": "job-1", "poolInfo": {"poolId": "Airlines"}, "onTaskFailure": "noaction"},
                        resp_headers={"DataServiceId": f"{BASE}/jobs/job-1", "Location": f"{BASE}/jobs/job-1"})])
write("pool-exists", [ix("HEAD", f"{BASE}/pools/Airlines?{V}", 200), ix("HEAD", f"{BASE}/pools/missing?{V}", 404)])
write("errors", [
    ix("GET", f"{BASE}/jobs/nope?{V}", 404, resp=err("JobNotFound", "The specified job does not exist.")),
    ix("POST", f"{BASE}/jobs?{V}", 409, {"id": "job-1", "poolInfo": {"poolId": "Airlines"}}, err("JobExists", "The specified job already exists.")),
    ix("POST", f"{BASE}/jobs?{V}", 409, {"id": "job-1", "poolInfo": {"poolId": "Airlines"}}, err("JobExists", "The specified job already exists.")),
    ix("GET", f"{BASE}/pools/Airlines?{V}", 403, resp=err("AuthenticationFailed", "Server failed to authenticate the request.",
                                                         [("AuthenticationErrorDetail", "The MAC signature found in the HTTP request is not the same as any computed signature.")])),
])

# 250 tasks: chunks of 100, 100, 50. Chunk 2 is throttled once (503 ServerBusy, then succeeds on the pipeline's
# retry); chunk 3 rejects task-0249 for good and reports a server error for task-0240, which is resubmitted alone
# and then answers TaskExists (its first submission had gone through): added.
def task(i):
    return {"id": f"task-{i:04d}", "commandLine": f"/app/worker --shard {i}"}


def ok(i):
    return {"status": "success", "taskId": f"task-{i:04d}", "eTag": "0x8D3D623CD661246",
            "lastModified": "2025-09-06T07:02:44.7589958Z", "location": f"{BASE}/jobs/job-1/tasks/task-{i:04d}"}


url = f"{BASE}/jobs/job-1/addtaskcollection?{V}"
chunk1 = [task(i) for i in range(0, 100)]
chunk2 = [task(i) for i in range(100, 200)]
chunk3 = [task(i) for i in range(200, 250)]
results3 = [ok(i) for i in range(200, 250) if i not in (240, 249)]
results3.append({"status": "servererror", "taskId": "task-0240", "error": err("ServerBusy", "The server is busy.")})
results3.append({"status": "clienterror", "taskId": "task-0249",
                 "error": err("InvalidPropertyValue", "The value provided for one of the properties in the request body is invalid.",
                              [("PropertyName", "commandLine"), ("Reason", "rejected for the test")])})
write("add-250-tasks", [
    ix("POST", url, 200, {"value": chunk1}, {"value": list(reversed([ok(i) for i in range(0, 100)]))}),
    ix("POST", url, 503, {"value": chunk2}, err("ServerBusy", "The server is busy."), resp_headers={"Retry-After": "1"}),
    ix("POST", url, 200, {"value": chunk2}, {"value": [ok(i) for i in range(100, 200)]}),
    ix("POST", url, 200, {"value": chunk3}, {"value": results3}),
    ix("POST", url, 200, {"value": [task(240)]},
       {"value": [{"status": "clienterror", "taskId": "task-0240", "error": err("TaskExists", "The specified task already exists.")}]}),
])

# Paged listing: three pages over odata.nextLink.
with open("../examples/Tasks_ListTasks.json") as f:
    example_tasks = json.load(f)["responses"]["200"]["body"]["value"]
pages = []
for n in range(3):
    page_tasks = []
    for k, t in enumerate(example_tasks):
        t = dict(t)
        t["id"] = f"task{n * 2 + k + 1}"
        page_tasks.append(t)
    body = {"odata.metadata": f"{BASE}/$metadata#tasks", "value": page_tasks}
    if n < 2:
        body["odata.nextLink"] = f"{BASE}/jobs/job-1/tasks?{V}&maxresults=2&$filter=state%20eq%20%27active%27&$skiptoken=page{n + 2}"
    pages.append(body)
first = f"{BASE}/jobs/job-1/tasks?{V}&$filter=state%20eq%20%27active%27&maxresults=2"
write("list-tasks-paged", [
    ix("GET", first, 200, resp=pages[0]),
    ix("GET", pages[0]["odata.nextLink"], 200, resp=pages[1]),
    ix("GET", pages[1]["odata.nextLink"], 200, resp=pages[2]),
])

# Progress to completion, then the failed task and the tail of its stderr.txt.
def counts(a, r, c, s, f):
    tc = {"active": a, "running": r, "completed": c, "succeeded": s, "failed": f}
    return {"taskCounts": tc, "taskSlotCounts": tc}


tc_url = f"{BASE}/jobs/job-1/taskcounts?{V}"
failed_task = {"id": "task-0007", "state": "completed",
               "executionInfo": {"startTime": "2025-11-22T19:37:31.4285526Z", "endTime": "2025-11-22T19:38:01.0000000Z",
                                 "exitCode": 2, "result": "failure", "retryCount": 1, "requeueCount": 0,
                                 "failureInfo": {"category": "usererror", "code": "FailureExitCode",
                                                 "message": "The task process exited with an unexpected exit code",
                                                 "details": [{"name": "Message", "value": "The task process exited with an unexpected exit code"}]}},
               "nodeInfo": {"poolId": "Airlines", "nodeId": "tvm-1695681911_1-20161122t193202z"}}
stderr_text = "Traceback (most recent call last):\n  File \"/src/airline_analytics.py\", line 40\nFileNotFoundError: 2007.csv.bz2\n"
write("progress-and-failure", [
    ix("GET", tc_url, 200, resp=counts(3, 0, 0, 0, 0)),
    ix("GET", tc_url, 200, resp=counts(3, 0, 0, 0, 0)),
    ix("GET", tc_url, 200, resp=counts(1, 2, 0, 0, 0)),
    ix("GET", tc_url, 200, resp=counts(0, 0, 3, 2, 1)),
    ix("GET", f"{BASE}/jobs/job-1/tasks?{V}&$filter=executionInfo%2Fresult%20eq%20%27failure%27&$select=id,state,executionInfo,nodeInfo", 200,
       resp={"value": [failed_task]}),
    ix("HEAD", f"{BASE}/jobs/job-1/tasks/task-0007/files/stderr.txt?{V}", 200,
       resp_headers={"Content-Length": "5000", "ocp-batch-file-isdirectory": "false", "Content-Type": "application/octet-stream",
                     "ocp-creation-time": "Fri, 17 Feb 2025 00:00:00 GMT", "Last-Modified": "Fri, 17 Feb 2025 00:01:00 GMT"}),
    ix("GET", f"{BASE}/jobs/job-1/tasks/task-0007/files/stderr.txt?{V}", 206, req_headers={"ocp-range": "bytes=4904-4999"},
       resp=stderr_text, resp_headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(stderr_text))}),
])
