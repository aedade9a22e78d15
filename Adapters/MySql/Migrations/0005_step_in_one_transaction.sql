-- A step now commits in the transaction of its claim, which has held the instance row locked since: the guard that
-- checked the lease at commit time (durable_lock_step) has nothing left to check. Workers of an earlier version still
-- call it: finish their rollout before this migration runs, or their steps fail until they are replaced.
DROP PROCEDURE IF EXISTS durable_lock_step;
