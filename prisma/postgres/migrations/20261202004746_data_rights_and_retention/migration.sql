-- CreateTable
CREATE TABLE "ArchivedText" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "texts" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ArchivedText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRightsRequest" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectUserId" TEXT NOT NULL,
    "subjectName" TEXT NOT NULL,
    "requestedByMemberId" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataRightsRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArchivedText_assignmentId_key" ON "ArchivedText"("assignmentId");

-- CreateIndex
CREATE INDEX "ArchivedText_groupId_idx" ON "ArchivedText"("groupId");

-- CreateIndex
CREATE INDEX "DataRightsRequest_platform_tenantId_subjectUserId_idx" ON "DataRightsRequest"("platform", "tenantId", "subjectUserId");

-- AddForeignKey
ALTER TABLE "ArchivedText" ADD CONSTRAINT "ArchivedText_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;
