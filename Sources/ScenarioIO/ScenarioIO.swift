// ScenarioIO
