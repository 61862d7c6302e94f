-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "officeChannelId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChannelLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "channelName" TEXT,
    "conversationReference" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ChannelLink_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartyOrganisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "PartyOrganisation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "organisationId" TEXT,
    "roles" TEXT NOT NULL,
    "substituteForMemberId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Member_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Member_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "PartyOrganisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "seriesRule" TEXT,
    "location" TEXT,
    "cancelled" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "decidedAt" DATETIME,
    "decidedByMemberId" TEXT,
    "sentToOfficeAt" DATETIME,
    "lastRevisedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ActionPlan_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "focusAreaCode" TEXT NOT NULL,
    "goalCode" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Activity_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "obstacles" TEXT NOT NULL,
    "proposedByMemberId" TEXT NOT NULL,
    "mergedIntoProposalId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Proposal_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "activityId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "targetGroupText" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "activityText" TEXT NOT NULL,
    "memberIds" TEXT NOT NULL,
    "convenerMemberId" TEXT NOT NULL,
    "reportingForm" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "resources" TEXT NOT NULL,
    "finalReportForm" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImplementationPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "subGoals" TEXT NOT NULL,
    "tasks" TEXT NOT NULL,
    "indicators" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ImplementationPlan_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "authorMemberId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "submitted" BOOLEAN NOT NULL,
    "progressText" TEXT NOT NULL,
    "statusColour" TEXT,
    "worksWell" TEXT NOT NULL,
    "worksLessWell" TEXT NOT NULL,
    "timelineHolds" TEXT,
    "newEndDate" DATETIME,
    "indicatorValues" TEXT NOT NULL,
    "subGoalStatus" TEXT NOT NULL,
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ProgressReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FinalReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "authorMemberId" TEXT NOT NULL,
    "goalMet" TEXT NOT NULL,
    "goalMetHow" TEXT NOT NULL,
    "addedValue" TEXT NOT NULL,
    "resultsJoint" TEXT NOT NULL,
    "resultsPerParty" TEXT NOT NULL,
    "acceptedAt" DATETIME,
    "acceptedByMemberId" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "FinalReport_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "authorMemberId" TEXT NOT NULL,
    "learnedChildrenAndYouth" TEXT NOT NULL,
    "learnedAdults" TEXT NOT NULL,
    "learnedPrevention" TEXT NOT NULL,
    "learnedCollaboration" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Evaluation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ChannelLink_groupId_idx" ON "ChannelLink"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelLink_platform_tenantId_channelId_key" ON "ChannelLink"("platform", "tenantId", "channelId");

-- CreateIndex
CREATE INDEX "PartyOrganisation_groupId_idx" ON "PartyOrganisation"("groupId");

-- CreateIndex
CREATE INDEX "Member_organisationId_idx" ON "Member"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_groupId_platform_platformUserId_key" ON "Member"("groupId", "platform", "platformUserId");

-- CreateIndex
CREATE INDEX "Meeting_groupId_startsAt_idx" ON "Meeting"("groupId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_groupId_year_version_key" ON "ActionPlan"("groupId", "year", "version");

-- CreateIndex
CREATE INDEX "Activity_planId_idx" ON "Activity"("planId");

-- CreateIndex
CREATE INDEX "Proposal_groupId_idx" ON "Proposal"("groupId");

-- CreateIndex
CREATE INDEX "Assignment_groupId_status_idx" ON "Assignment"("groupId", "status");

-- CreateIndex
CREATE INDEX "Assignment_activityId_idx" ON "Assignment"("activityId");

-- CreateIndex
CREATE UNIQUE INDEX "ImplementationPlan_assignmentId_key" ON "ImplementationPlan"("assignmentId");

-- CreateIndex
CREATE INDEX "ProgressReport_assignmentId_idx" ON "ProgressReport"("assignmentId");

-- CreateIndex
CREATE INDEX "FinalReport_assignmentId_idx" ON "FinalReport"("assignmentId");

-- CreateIndex
CREATE INDEX "Evaluation_groupId_year_idx" ON "Evaluation"("groupId", "year");
