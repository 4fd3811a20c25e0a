// The roster program: organizations, their complete member lists and their roles, from a reviewed file (maiagent.yaml).
//   pulumi config set --secret maiagent:apiKey <your key>          (or export MAIAGENT_API_KEY)
//   pulumi config set maiagent:rosterFile orgs/prod.yaml            (optional; default maiagent.yaml at the project root)
//   pulumi config set maiagent:organizations acme,globex            (optional; default every organization)
import { declareRoster } from "pulumi-maiagent/roster";

export const organizations = declareRoster();
