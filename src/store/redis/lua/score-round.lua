--[[
  Awards a revealed round's points once: adds each user's points (and, for a button round, the pick
  and whether it was right) to their stats and to the points boards, and marks the round scored.

  KEYS[1]        the round's hash            (prefix{channel}:round:<round id>)
  KEYS[2]        all-time points board       (prefix{channel}:board:points)
  KEYS[3]        this month's points board   (prefix{channel}:board:points-month:<YYYY-MM>)
  KEYS[4]        months with a board         (prefix{channel}:months)
  KEYS[5..4+n]   the stats hash of each user awarded (prefix{channel}:user:<user id>)
  ARGV[1]        YYYY-MM the points count for
  ARGV[2+3(i-1)..4+3(i-1)]  for user i: user id, points, '1' right pick / '0' wrong pick / '' free text

  Returns 1 when this call scored the round, 0 when it was scored already or is not revealed.
  Guarantees: a round's points are added exactly once however many processes or retries ask (the
  'scored' field is set in the same step); a user forgotten since the reveal (stats hash gone) gets
  nothing back.
]]
if redis.call('HGET', KEYS[1], 'state') ~= 'revealed' then
  return 0
end
if redis.call('HSETNX', KEYS[1], 'scored', '1') == 0 then
  return 0
end
local monthKey = ARGV[1]
local added = false
for i = 1, #KEYS - 4 do
  local user = KEYS[4 + i]
  local base = 2 + 3 * (i - 1)
  local userId, points, right = ARGV[base], tonumber(ARGV[base + 1]), ARGV[base + 2]
  if redis.call('HEXISTS', user, 'total') == 1 then
    local prev = redis.call('HMGET', user, 'points', 'pointsMonthKey', 'monthPoints')
    local total = tonumber(prev[1] or 0) + points
    local month = points
    if prev[2] == monthKey then
      month = tonumber(prev[3] or 0) + points
    end
    redis.call('HSET', user, 'points', total, 'pointsMonthKey', monthKey, 'monthPoints', month)
    if right ~= '' then
      redis.call('HINCRBY', user, 'picks', 1)
      if right == '1' then
        redis.call('HINCRBY', user, 'rightPicks', 1)
      end
    end
    -- Boards list only users who scored (as every board lists only positive scores).
    if total > 0 then
      redis.call('ZADD', KEYS[2], total, userId)
    end
    if month > 0 then
      redis.call('ZADD', KEYS[3], month, userId)
      added = true
    end
  end
end
if added then
  redis.call('SADD', KEYS[4], monthKey)
end
return 1
