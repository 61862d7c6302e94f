-- CreateTable
CREATE TABLE "ArchivedText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "closedAt" DATETIME NOT NULL,
    "texts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ArchivedText_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataRightsRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectUserId" TEXT NOT NULL,
    "subjectName" TEXT NOT NULL,
    "requestedByMemberId" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "counts" TEXT NOT NULL,
    "completedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ArchivedText_assignmentId_key" ON "ArchivedText"("assignmentId");

-- CreateIndex
CREATE INDEX "ArchivedText_groupId_idx" ON "ArchivedText"("groupId");

-- CreateIndex
CREATE INDEX "DataRightsRequest_platform_tenantId_subjectUserId_idx" ON "DataRightsRequest"("platform", "tenantId", "subjectUserId");
