-- Report.content compressed, and kept in the row where it fits (decision 0750), instead of stored
-- uncompressed out of line (decision 0509). lz4 when the server is built with it (the options of
-- default_toast_compression list lz4 only then), otherwise the column keeps pglz, which compresses
-- as well but costs more CPU per save (decision 0750's figures). Rows keep their old form until
-- their next save. Prisma's PostgreSQL adapter splits a migration at every semicolon, comments
-- and quoted text included: the DO block's semicolons are written as the escape \073.
DO E'BEGIN IF EXISTS (SELECT 1 FROM pg_settings WHERE name = ''default_toast_compression'' AND ''lz4'' = ANY (enumvals)) THEN ALTER TABLE "Report" ALTER COLUMN "content" SET COMPRESSION lz4\073 END IF\073 END';
ALTER TABLE "Report" ALTER COLUMN "content" SET STORAGE MAIN;
