-- CreateEnum
CREATE TYPE "TlsMode" AS ENUM ('implicit', 'starttls', 'off');

-- CreateEnum
CREATE TYPE "UsernameFormat" AS ENUM ('address', 'localpart');

-- CreateTable
CREATE TABLE "mail_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "organisation_name" TEXT NOT NULL,
    "domains" TEXT[],
    "imap_host" TEXT NOT NULL,
    "imap_port" INTEGER NOT NULL,
    "imap_tls" "TlsMode" NOT NULL,
    "pop3_host" TEXT NOT NULL,
    "pop3_port" INTEGER NOT NULL,
    "pop3_tls" "TlsMode" NOT NULL,
    "smtp_host" TEXT NOT NULL,
    "smtp_port" INTEGER NOT NULL,
    "smtp_tls" "TlsMode" NOT NULL,
    "username_format" "UsernameFormat" NOT NULL DEFAULT 'address',
    "webmail_url" TEXT,
    "helpdesk_contact" TEXT NOT NULL DEFAULT '',
    "pop_leave_on_server_days" INTEGER,
    "allow_personal_lookup" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mail_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "guidance_articles" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "guidance_articles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "guidance_articles_slug_key" ON "guidance_articles"("slug");

-- CreateIndex
CREATE INDEX "guidance_articles_position_idx" ON "guidance_articles"("position");
