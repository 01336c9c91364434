-- What a notice said (#19): the text body as rendered when a worker claimed it for sending, so help desk reads the
-- message the user got even after its template was edited. Older rows keep NULL (the API renders them from the
-- current template and says so).
ALTER TABLE "notifications" ADD COLUMN "body_text" TEXT;

-- Who last edited a notice template (the audit log has the full history).
ALTER TABLE "notification_templates" ADD COLUMN "updated_by" TEXT;
