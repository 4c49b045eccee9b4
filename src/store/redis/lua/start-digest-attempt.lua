--[[
  Starts an attempt at posting a channel week's digest, unless an earlier attempt settled it.

  KEYS[1]  digest week string    (prefix{channel}:digest:week:<week>: 'done', or how many attempts began)
  ARGV[1]  how long the key lives, in ms (longer than any week)

  Returns 0 when the week's digest was posted or given up, else this attempt's number (1 for the
  first). Guarantees: every caller gets a different number, so exactly one is the first; done in one
  step, so two replicas cannot both read "no attempt yet".
]]
if redis.call('GET', KEYS[1]) == 'done' then
  return 0
end
local attempt = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return attempt
