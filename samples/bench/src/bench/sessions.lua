-- wrk script of samples/bench/run: every wrk thread has one connection and its own session.
--   wrk -t N -c N -s sessions.lua URL -- COOKIE_FILE METHOD
-- COOKIE_FILE holds one Cookie header value per line ("sessionid=...; JSESSIONID=..."), at least N
-- lines: thread i sends line i on every request, so no two concurrent requests share a session.
-- A Set-Cookie of sessionid (signed_cookies re-signs the session on every write) replaces the
-- thread's value, as a browser would. done() prints one RESULT line for run to parse.

local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   table.insert(threads, thread)
   counter = counter + 1
end

function init(args)
   local file = assert(io.open(args[1]), "cannot read " .. tostring(args[1]))
   local line = 0
   for l in file:lines() do
      line = line + 1
      if line == id then cookie = l end
   end
   file:close()
   assert(cookie, "no cookie line " .. id .. " in " .. args[1])
   method = args[2] or "GET"
   non2xx = 0
   -- Formatted once: formatting a request on every call would spend the shared cores on the load
   -- generator rather than on the server.
   req = wrk.format(method, nil, { Cookie = cookie })
   -- The request is also kept in three parts around the session id, so that a new id (signed_cookies
   -- re-signs on every write) costs one concatenation, and the same id (the server-side engines
   -- re-send it unchanged on every write) a comparison.
   sid = cookie:match("sessionid=([^;]*)")
   if sid then
      local from, to = req:find("sessionid=" .. sid, 1, true)
      before, after = req:sub(1, from + #"sessionid=" - 1), req:sub(to + 1)
   end
end

function request()
   return req
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
   local set = headers["Set-Cookie"]
   if set and sid then
      local value = set:match("^sessionid=([^;]*)")
      if value and value ~= "" and value ~= sid then
         sid = value
         req = before .. value .. after
      end
   end
end

function done(summary, latency, requests)
   local bad = 0
   for _, thread in ipairs(threads) do
      bad = bad + thread:get("non2xx")
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      bad, e.connect, e.read, e.write, e.timeout))
end
