-- An activity's result commits with the next step of its instance, which the worker that ran the activity replayed
-- from its cached history, in one round trip: the procedures below guard the statements that follow them in the same
-- command. A SIGNAL ends the command there (the rest, COMMIT included, is skipped) and the worker rolls back, then
-- stores its results the ordinary way, into the inbox.
-- durable_lock_inline_step locks the instance row, passing over one that another worker's claim holds (as claims
-- do), and refuses unless it is the execution and sequence the worker replayed, running, and without a ready message
-- (those go through a claim, in their order). The primary key lookup locks that one row.
DROP PROCEDURE IF EXISTS durable_lock_inline_step;
CREATE PROCEDURE durable_lock_inline_step(
    IN p_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}},
    IN p_execution VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_sequence BIGINT,
    IN p_now BIGINT)
READS SQL DATA
BEGIN
    DECLARE v_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} DEFAULT NULL;
    SELECT instance_id INTO v_instance FROM durable_instances FORCE INDEX (PRIMARY)
    WHERE instance_id = p_instance AND execution_id = p_execution AND last_sequence = p_sequence
      AND runtime_status = 1 AND lease_expires_at <= p_now
    FOR UPDATE SKIP LOCKED;
    IF v_instance IS NULL THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'durable: the instance is held, moved on or not running';
    END IF;
    IF EXISTS (SELECT 1 FROM durable_inbox FORCE INDEX (ix_durable_inbox_instance)
               WHERE instance_id = p_instance AND visible_at <= p_now) THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'durable: the instance has messages waiting';
    END IF;
END;
-- durable_expect_rows refuses when the statement before it changed another number of rows than expected (an
-- activity row gone, or leased to another worker since its lease passed).
DROP PROCEDURE IF EXISTS durable_expect_rows;
CREATE PROCEDURE durable_expect_rows(IN p_changed BIGINT, IN p_expected BIGINT)
NO SQL
BEGIN
    IF p_changed <> p_expected THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'durable: an activity row is no longer ours';
    END IF;
END;
