-- The dashboard lists the newest orders, all of them or those of one status: ORDER BY order_id DESC LIMIT n walks
-- the primary key backwards, and with WHERE status = ? this index, so neither sorts. MySQL 8 has no
-- CREATE INDEX IF NOT EXISTS, so a throwaway procedure makes the script safe to run again.
DROP PROCEDURE IF EXISTS portable_migration_0007;
CREATE PROCEDURE portable_migration_0007()
MODIFIES SQL DATA
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND INDEX_NAME = 'ix_orders_recent') THEN
        ALTER TABLE orders ADD INDEX ix_orders_recent (status, order_id);
    END IF;
END;
CALL portable_migration_0007();
DROP PROCEDURE portable_migration_0007;
