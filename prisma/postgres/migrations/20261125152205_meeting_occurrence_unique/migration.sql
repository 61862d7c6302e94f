-- DropIndex
DROP INDEX "Meeting_seriesId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_seriesId_startsAt_key" ON "Meeting"("seriesId", "startsAt");
