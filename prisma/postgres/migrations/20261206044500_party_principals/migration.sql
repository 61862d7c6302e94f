-- AlterTable
ALTER TABLE "PartyOrganisation" ADD COLUMN     "principal" BOOLEAN;
