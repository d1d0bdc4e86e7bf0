-- CreateTable
CREATE TABLE "Release" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "changeNumbers" TEXT[],
    "plannedFor" TIMESTAMP(3) NOT NULL,
    "backoutPlan" TEXT NOT NULL,
    "acceptanceCriteria" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "creatorId" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3),
    "deployedBy" TEXT,
    "closedAt" TIMESTAMP(3),
    "acceptedBy" TEXT,
    "rollbackReason" TEXT,
    "rolledBackAt" TIMESTAMP(3),
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Release_number_key" ON "Release"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Release_requestKey_key" ON "Release"("requestKey");

-- CreateIndex
CREATE INDEX "Release_state_plannedFor_idx" ON "Release"("state", "plannedFor");

