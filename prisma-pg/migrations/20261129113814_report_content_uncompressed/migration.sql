-- Report.content (about 14 KB of JSON) is rewritten by every autosave. PostgreSQL compressed it
-- with pglz on every write, about 0.8 ms of the database's CPU per save. Stored uncompressed
-- out of line instead (decision 0509). Rows keep their old form until their next save.
ALTER TABLE "Report" ALTER COLUMN "content" SET STORAGE EXTERNAL;
