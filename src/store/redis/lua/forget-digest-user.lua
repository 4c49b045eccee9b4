--[[
  Forget-me for the digest: the user leaves a channel's answerers seen and every round's newcomers.

  KEYS[1]  answerers seen set    (prefix{channel}:digest:seen)
  KEYS[2]  newcomers hash        (prefix{channel}:digest:newcomers: round id -> JSON array of people)
  ARGV[1]  user id

  Returns 1. Guarantees: no digest summary names the user afterwards; done in one step.
]]
redis.call('SREM', KEYS[1], ARGV[1])
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local people = cjson.decode(all[i + 1])
  local kept, changed = {}, false
  for _, person in ipairs(people) do
    if person.id == ARGV[1] then
      changed = true
    else
      kept[#kept + 1] = cjson.encode(person)
    end
  end
  if changed then
    redis.call('HSET', KEYS[2], all[i], '[' .. table.concat(kept, ',') .. ']')
  end
end
return 1
