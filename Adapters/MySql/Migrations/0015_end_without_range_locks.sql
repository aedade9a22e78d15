-- An instance that ends drops what it still owns (activity rows, inbox rows) by primary key. A DELETE ... WHERE
-- instance_id = ? walks the instance index and locks, beyond its own entries, the entry after them: often a row of
-- another instance, deleted by that instance's commit but not yet purged. Two instances ending together then each
-- waited on the other's row (an InnoDB deadlock, then a retry). Here a plain read (READ COMMITTED: it locks nothing
-- and sees what this transaction deleted as gone) lists the rows, and each goes by its id. No activity row of the
-- instance can appear meanwhile: only a step of the instance inserts them, and the caller holds the instance row.
-- An inbox row sent to the instance after the read stays, as it could after the range delete: claims pass over
-- ended instances, and a restart or purge deletes it.
DROP PROCEDURE IF EXISTS durable_end_instance;
CREATE PROCEDURE durable_end_instance(
    IN p_instance VARCHAR(512) CHARACTER SET utf8mb4 COLLATE {{binary_collation}})
MODIFIES SQL DATA
BEGIN
    DECLARE v_done BOOLEAN DEFAULT FALSE;
    DECLARE v_id BIGINT;
    DECLARE v_activities CURSOR FOR
        SELECT id FROM durable_activities FORCE INDEX (ix_durable_activities_instance) WHERE instance_id = p_instance;
    DECLARE v_messages CURSOR FOR
        SELECT id FROM durable_inbox FORCE INDEX (ix_durable_inbox_instance) WHERE instance_id = p_instance;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;

    OPEN v_activities;
    activities: LOOP
        FETCH v_activities INTO v_id;
        IF v_done THEN
            LEAVE activities;
        END IF;
        DELETE FROM durable_activities WHERE id = v_id;
    END LOOP;
    CLOSE v_activities;

    SET v_done = FALSE;
    OPEN v_messages;
    messages: LOOP
        FETCH v_messages INTO v_id;
        IF v_done THEN
            LEAVE messages;
        END IF;
        DELETE FROM durable_inbox WHERE id = v_id;
    END LOOP;
    CLOSE v_messages;
END;
