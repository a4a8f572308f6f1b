"""The risk app's staff pages: register and heat map, continuity (plans, drills), incidents, corrective actions."""
