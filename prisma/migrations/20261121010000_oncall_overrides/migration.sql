-- CreateTable
CREATE TABLE "OnCallOverride" (
    "id" SERIAL NOT NULL,
    "team" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OnCallOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OnCallOverride_endsAt_idx" ON "OnCallOverride"("endsAt");

