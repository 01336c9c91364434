-- A staff "resend" of a notice is a new notifications row linked to the one it repeats

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "resend_of_id" INTEGER;

-- CreateIndex
CREATE INDEX "notifications_resend_of_id_idx" ON "notifications"("resend_of_id");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_resend_of_id_fkey" FOREIGN KEY ("resend_of_id") REFERENCES "notifications"("id") ON DELETE SET NULL ON UPDATE CASCADE;
