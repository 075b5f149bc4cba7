-- wrk script: POST the body in BENCH_BODY_FILE (an OpenAI chat request) with a bearer key.
local file = io.open(os.getenv("BENCH_BODY_FILE"), "r")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "sk-bench")
