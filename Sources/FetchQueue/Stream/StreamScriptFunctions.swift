/// Lua functions the queue's scripts share, put before a script's own text (the
/// settle script, the drain check): comparing stream ids, and reading the consumer
/// group's fields from `XINFO GROUPS`.
///
/// `group_info` goes through `pcall`: a missing stream (or one of another type) answers
/// nil, as a missing group does; a script that must refuse a key of another type calls
/// a command on it that raises `WRONGTYPE`.
let streamScriptFunctions = """
    -- Stream ids ("ms-seq") in order.
    local function before(a, b)
      local am, as = string.match(a, '^(%d+)-(%d+)$')
      local bm, bs = string.match(b, '^(%d+)-(%d+)$')
      am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
      return am < bm or (am == bm and as < bs)
    end

    -- The group's fields in XINFO GROUPS by name (name, pending, last-delivered-id, …),
    -- or nil when the group or the stream is missing.
    local function group_info(stream, group)
      local groups = redis.pcall('XINFO', 'GROUPS', stream)
      if type(groups) ~= 'table' or groups.err then return nil end
      for _, flat in ipairs(groups) do
        local fields = {}
        for at = 1, #flat - 1, 2 do fields[flat[at]] = flat[at + 1] end
        if fields['name'] == group then return fields end
      end
      return nil
    end

    """
