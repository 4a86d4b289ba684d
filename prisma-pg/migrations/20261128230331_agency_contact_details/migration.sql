-- Contact details for the report's opening paragraph (portal, address, postcode, telephone, e-mail)
ALTER TABLE "Agency" ADD COLUMN "portalUrl" TEXT;
ALTER TABLE "Agency" ADD COLUMN "address" TEXT;
ALTER TABLE "Agency" ADD COLUMN "postcode" TEXT;
ALTER TABLE "Agency" ADD COLUMN "telephone" TEXT;
ALTER TABLE "Agency" ADD COLUMN "email" TEXT;
