--[[
  Moves a channel's post job to its next slot after a post, unless the schedule changed meanwhile:
  a `/quiz schedule` made while the post was in flight placed the job for the new schedule, and the
  old schedule's next slot must not overwrite it (nor an unschedule's removal be undone).

  KEYS[1]  schedules hash           (prefix{jobs}:schedules)
  KEYS[2]  jobs sorted set          (prefix{jobs}:queue)
  ARGV[1]  channel id
  ARGV[2]  the schedule JSON the next slot was computed from
  ARGV[3]  the post job's member    (post|<channel id>)
  ARGV[4]  when the next post is due, ms since the epoch

  Returns 1 when the job was moved, 0 when the schedule had changed (the job is left as it is).
]]
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
return 1
