--[[
  Clears a channel's open-round pointer when the round it names is gone (evicted, left out of a
  partial restore, deleted by hand): otherwise no round could open in the channel again.

  KEYS[1]  channel state hash       (prefix{channel}:state: open = the open round's id)
  KEYS[2]  the round's hash         (prefix{channel}:round:<round id>)
  ARGV[1]  round id the caller found in the pointer

  Returns 1 when this call cleared the pointer, 0 when the round exists or the pointer has moved on
  (so of several processes that find the same lost round, one logs it).
]]
if redis.call('HGET', KEYS[1], 'open') ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
redis.call('HDEL', KEYS[1], 'open')
return 1
