-- Neovim (>= 0.7) as a real client of `layerlint lsp`: run headless on
-- testdata/lsp/nvim/Dockerfile by .ci/lsp-tests.sh. It checks what Neovim
-- itself stored and applied (vim.diagnostic.get, workspace edits), prints one
-- line per check and a "N passed, N failed" summary, and exits non-zero when
-- a check fails.
-- Env: LAYERLINT (the binary), LSP_TIMEOUT_MS (default 10000).
local bin = assert(os.getenv("LAYERLINT"), "set LAYERLINT to the layerlint binary")
local timeout = tonumber(os.getenv("LSP_TIMEOUT_MS") or "") or 10000
local passed, failed = 0, 0

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write("ok   " .. name .. "\n")
  else
    failed = failed + 1
    io.stdout:write("FAIL " .. name .. (detail and (": " .. detail) or "") .. "\n")
  end
end

local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
vim.bo[buf].filetype = "dockerfile"

local exit_code
local t0 = vim.loop.hrtime()
local id = vim.lsp.start_client({
  name = "layerlint",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.getcwd(),
  flags = { debounce_text_changes = 0 },
  on_exit = function(code) exit_code = code end,
})
check("server starts", id ~= nil)
if not id then vim.cmd("cquit 1") end
vim.lsp.buf_attach_client(buf, id)

local function find(code, lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code and (lnum == nil or d.lnum == lnum) then return d end
  end
end

local ok = vim.wait(timeout, function() return find("ParseError") ~= nil end, 5)
check("diagnostics published", ok, string.format("%d diagnostics", #vim.diagnostic.get(buf)))
io.stdout:write(string.format("     start → first diagnostics: %.1f ms\n", (vim.loop.hrtime() - t0) / 1e6))
local pe = find("ParseError")
check("ParseError at the unterminated heredoc (line 4), error, source layerlint",
  pe and pe.lnum == 3 and pe.severity == vim.diagnostic.severity.ERROR and pe.source == "layerlint",
  pe and vim.inspect({ pe.lnum, pe.severity, pe.source }) or "none")

local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, timeout) or {}
  local r = res[id] or {}
  return r.result, r.err
end

local hover = request("textDocument/hover", { textDocument = { uri = uri }, position = { line = 2, character = 1 } })
local value = hover and hover.contents and (hover.contents.value or hover.contents) or ""
check("hover on COPY explains its cache behaviour", type(value) == "string" and value:find("Build cache", 1, true) ~= nil, vim.inspect(value))

local symbols = request("textDocument/documentSymbol", { textDocument = { uri = uri } })
check("one stage symbol with its instructions", symbols and #symbols == 1 and #(symbols[1].children or {}) >= 2, vim.inspect(symbols))

-- an ignore action applied by Neovim removes a finding on line 2
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.lnum == 1 and d.code ~= "ParseError" then target = d break end
end
if target then
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = { line = 1, character = target.col }, ["end"] = { line = 1, character = target.col } },
    context = { diagnostics = {} },
  }) or {}
  local action
  for _, a in ipairs(actions) do
    if a.title == "Ignore " .. target.code .. " for this instruction" then action = a end
  end
  check("code action 'Ignore " .. target.code .. " for this instruction'", action ~= nil)
  if action then
    vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    local line2 = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
    check("the edit inserted the ignore comment", line2 == "# layerlint ignore=" .. target.code, line2)
    ok = vim.wait(timeout, function() return find(target.code, 2) == nil and find(target.code, 1) == nil end, 5)
    check(target.code .. " is gone after the edit", ok)
  end
else
  io.stdout:write("     (no finding on line 2 besides ParseError: ignore action not exercised)\n")
end

-- typing the terminator fixes the ParseError
local n = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, n, n, false, { "EOF" })
ok = vim.wait(timeout, function() return find("ParseError") == nil end, 5)
check("ParseError is gone after typing EOF", ok)

vim.lsp.stop_client(id)
vim.wait(timeout, function() return exit_code ~= nil end, 10)
check("server exits 0 after shutdown and exit", exit_code == 0, tostring(exit_code))

io.stdout:write(string.format("neovim %d.%d.%d: %d passed, %d failed\n",
  vim.version().major, vim.version().minor, vim.version().patch, passed, failed))
if failed > 0 then vim.cmd("cquit 1") else vim.cmd("qa!") end
