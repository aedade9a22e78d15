-- A claim's "more is ready" hint counts only instances another claim could take now. In 0014 it was a plain read
-- inside the claim's transaction, which also saw instances other open claims hold (a lock is invisible to a plain
-- read): at the end of a burst the hint said "more" for an instance already held, and the worker's next claim found
-- nothing. Now a claim marks the instance it takes, in its own transaction, as leased until its idle timeout (the
-- lease it has): the mark is never committed, the step's commit sets lease_expires_at back to 0 and a rollback undoes
-- it, and READ COMMITTED readers never see it. The hint is read before the claim's transaction starts, in a
-- read-only READ UNCOMMITTED transaction, which does see other claims' marks: more = at least two instances with a
-- ready message and no lease, one of them the instance this claim is about to take. The procedure now starts its
-- transaction itself (the caller sends only the CALL). The search and what it locks are those of 0014: the ready
-- index walked in order, LIMIT 1, FOR UPDATE SKIP LOCKED, then the instance by primary key; the mark updates that
-- locked row and nothing else.
DROP PROCEDURE IF EXISTS durable_claim_step;
CREATE PROCEDURE durable_claim_step(
    IN p_now BIGINT,
    IN p_max_messages INT,
    IN p_idle_seconds INT)
MODIFIES SQL DATA
BEGIN
    DECLARE v_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}} DEFAULT NULL;
    DECLARE v_execution VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin;
    DECLARE v_name VARCHAR(255) CHARACTER SET utf8mb4;
    DECLARE v_version VARCHAR(255) CHARACTER SET utf8mb4;
    DECLARE v_status TINYINT;
    DECLARE v_sequence BIGINT;
    DECLARE v_custom_status LONGTEXT CHARACTER SET utf8mb4;
    DECLARE v_ready INT DEFAULT 0;

    SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;
    START TRANSACTION READ ONLY;
    SELECT COUNT(*) INTO v_ready FROM (
        SELECT DISTINCT m.instance_id
        FROM durable_inbox m FORCE INDEX (ix_durable_inbox_visible)
        JOIN durable_instances i FORCE INDEX (PRIMARY) ON i.instance_id = m.instance_id
        WHERE m.visible_at <= p_now AND i.lease_expires_at <= p_now
          AND (i.runtime_status NOT IN (0, 5)
               OR (i.runtime_status = 0 AND m.event_type IN (0, 13))
               OR (i.runtime_status = 5 AND m.event_type IN (12, 13)))
        LIMIT 2) ready;
    COMMIT;

    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    SELECT STRAIGHT_JOIN i.instance_id, i.execution_id, i.name, i.version, i.runtime_status, i.last_sequence, i.custom_status
    INTO v_instance, v_execution, v_name, v_version, v_status, v_sequence, v_custom_status
    FROM durable_inbox m FORCE INDEX (ix_durable_inbox_visible)
    JOIN durable_instances i FORCE INDEX (PRIMARY) ON i.instance_id = m.instance_id
    WHERE m.visible_at <= p_now AND i.lease_expires_at <= p_now
      AND (i.runtime_status NOT IN (0, 5)
           OR (i.runtime_status = 0 AND m.event_type IN (0, 13))
           OR (i.runtime_status = 5 AND m.event_type IN (12, 13)))
    ORDER BY m.visible_at, m.id
    LIMIT 1
    FOR UPDATE SKIP LOCKED;
    IF v_instance IS NOT NULL THEN
        SET SESSION wait_timeout = p_idle_seconds;
        UPDATE durable_instances SET lease_expires_at = p_now + p_idle_seconds * 10000000 WHERE instance_id = v_instance;
        SELECT 1, v_ready > 1, NULL, EXISTS (
            SELECT 1 FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
            WHERE lease_expires_at <= p_now AND visible_at <= p_now);
        SELECT v_instance, v_execution, v_name, v_version, v_status, v_sequence, v_custom_status;
        SELECT id, execution_id, payload FROM durable_inbox FORCE INDEX (ix_durable_inbox_ready)
        WHERE instance_id = v_instance AND visible_at <= p_now ORDER BY visible_at, id LIMIT p_max_messages;
    ELSE
        ROLLBACK;
        SELECT 0, 0, (SELECT MIN(visible_at) FROM durable_inbox FORCE INDEX (ix_durable_inbox_visible) WHERE visible_at > p_now),
            EXISTS (SELECT 1 FROM durable_activities FORCE INDEX (ix_durable_activities_lease)
                    WHERE lease_expires_at <= p_now AND visible_at <= p_now);
    END IF;
END;
