package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.automation.HubSpotWorkflows;

import java.util.List;

/**
 * Before a sync: the university's own HubSpot workflow ("Asignación de Asesor y Envío de Primer Correo"), left
 * enabled, sets the same owner the sync sets, and the two would undo each other's work. The seed's team must switch
 * it off; {@code --allow-workflow} runs anyway (while both are tried side by side, say).
 */
final class WorkflowGuard {

    static final String OWNER_PROPERTY = "hubspot_owner_id";

    private WorkflowGuard() {
    }

    /**
     * @param warn told one line when the check could not be made but the sync may run: the portal answers 404 for the
     *             Automation API's flows (no such API there, so no workflow was found to refuse on)
     * @return the one line refusing the sync, or null when no enabled workflow sets the owner
     * @throws HubSpotException when HubSpot failed for now (retryable: the caller says when to run again)
     */
    static String check(HubSpotWorkflows workflows, java.util.function.Consumer<String> warn) {
        List<HubSpotWorkflows.Workflow> found;
        try {
            found = workflows.enabledSetting(OWNER_PROPERTY);
        } catch (HubSpotException e) {
            if (e.retryable()) throw e;
            if (e.status() == 404) {
                warn.accept("regla: warning: HubSpot has no Automation API flows here (404 " + e.category() + "): cannot check "
                        + "that no workflow sets " + OWNER_PROPERTY + "; make sure the university's own workflow is off");
                return null;
            }
            return "cannot read HubSpot's workflows to check that none sets the owner (" + e.status() + " " + e.category()
                    + "): give the private app the 'automation' scope, or run with --allow-workflow";
        }
        if (found.isEmpty()) return null;
        HubSpotWorkflows.Workflow w = found.get(0);
        return "HubSpot workflow '" + w.name() + "' (id " + w.id() + ") is enabled and sets " + OWNER_PROPERTY + " on "
                + w.objectLabel() + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : "")
                + ": switch it off in HubSpot (Automatización > Flujos de trabajo) or run with --allow-workflow";
    }
}
