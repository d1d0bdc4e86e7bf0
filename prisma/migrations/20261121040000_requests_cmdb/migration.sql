-- AlterTable
ALTER TABLE "Change" ADD COLUMN     "cmdbUpdates" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "StaffMember" (
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "department" TEXT NOT NULL,
    "isHead" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "CatalogueEntry" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "definition" JSONB,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogueEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceRequest" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "item" JSONB NOT NULL,
    "answers" JSONB NOT NULL,
    "requesterId" TEXT NOT NULL,
    "requesterLocale" TEXT NOT NULL DEFAULT 'en',
    "state" TEXT NOT NULL,
    "approval" JSONB,
    "approvalRecipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "assigneeId" TEXT,
    "rejection" JSONB,
    "cancellation" JSONB,
    "responseDueAt" TIMESTAMP(3),
    "resolutionDueAt" TIMESTAMP(3),
    "nextSlaAlertAt" TIMESTAMP(3),
    "slaAlertsSent" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "requestKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "takenAt" TIMESTAMP(3),
    "fulfilledAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServiceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConfigurationItem" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "ownerId" TEXT,
    "version" TEXT,
    "location" TEXT,
    "services" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConfigurationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CiRelationship" (
    "id" SERIAL NOT NULL,
    "fromId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "toId" INTEGER NOT NULL,

    CONSTRAINT "CiRelationship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenancePlan" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "recurrence" JSONB NOT NULL,
    "ownerId" TEXT NOT NULL,
    "nextDueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaintenancePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaintenanceRecord" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "note" TEXT,
    "postponedTo" TIMESTAMP(3),
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaintenanceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffMember_department_idx" ON "StaffMember"("department");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogueEntry_kind_key_key" ON "CatalogueEntry"("kind", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_number_key" ON "ServiceRequest"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceRequest_requestKey_key" ON "ServiceRequest"("requestKey");

-- CreateIndex
CREATE INDEX "ServiceRequest_requesterId_state_idx" ON "ServiceRequest"("requesterId", "state");

-- CreateIndex
CREATE INDEX "ServiceRequest_state_idx" ON "ServiceRequest"("state");

-- CreateIndex
CREATE INDEX "ServiceRequest_nextSlaAlertAt_idx" ON "ServiceRequest"("nextSlaAlertAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConfigurationItem_key_key" ON "ConfigurationItem"("key");

-- CreateIndex
CREATE INDEX "ConfigurationItem_name_idx" ON "ConfigurationItem"("name");

-- CreateIndex
CREATE INDEX "CiRelationship_toId_idx" ON "CiRelationship"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "CiRelationship_fromId_kind_toId_key" ON "CiRelationship"("fromId", "kind", "toId");

-- CreateIndex
CREATE INDEX "MaintenancePlan_active_nextDueAt_idx" ON "MaintenancePlan"("active", "nextDueAt");

-- CreateIndex
CREATE INDEX "MaintenancePlan_itemId_idx" ON "MaintenancePlan"("itemId");

-- CreateIndex
CREATE INDEX "MaintenanceRecord_itemId_id_idx" ON "MaintenanceRecord"("itemId", "id");

-- AddForeignKey
ALTER TABLE "CiRelationship" ADD CONSTRAINT "CiRelationship_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "ConfigurationItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CiRelationship" ADD CONSTRAINT "CiRelationship_toId_fkey" FOREIGN KEY ("toId") REFERENCES "ConfigurationItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenancePlan" ADD CONSTRAINT "MaintenancePlan_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ConfigurationItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaintenanceRecord" ADD CONSTRAINT "MaintenanceRecord_planId_fkey" FOREIGN KEY ("planId") REFERENCES "MaintenancePlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

