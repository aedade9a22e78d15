-- An inline step that commits one activity's result (every step of a sequence does) takes that activity row in the
-- guard's own call: the guard of 0013, then the row deleted by primary key if it is still leased to the worker, else
-- a refusal, as durable_expect_rows gives. Two statements fewer for the server to parse and run per step; the rows
-- locked are the same (the instance row by primary key, the activity row by primary key).
DROP PROCEDURE IF EXISTS durable_take_inline_result;
CREATE PROCEDURE durable_take_inline_result(
    IN p_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}},
    IN p_execution VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    IN p_sequence BIGINT,
    IN p_now BIGINT,
    IN p_activity BIGINT,
    IN p_owner VARCHAR(255) CHARACTER SET utf8mb4 COLLATE {{binary_collation}})
MODIFIES SQL DATA
BEGIN
    CALL durable_lock_inline_step(p_instance, p_execution, p_sequence, p_now);
    DELETE FROM durable_activities WHERE id = p_activity AND lease_owner = p_owner;
    IF ROW_COUNT() <> 1 THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'durable: an activity row is no longer ours';
    END IF;
END;
