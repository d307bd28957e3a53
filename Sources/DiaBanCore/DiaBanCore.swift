// DiaBanCore
