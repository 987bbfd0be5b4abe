// The checks that judge where programs listen and connect, by id: the engine gives them the port a
// spec demands (portFromArguments) and lets them wait their whole limit for it.
export const ADDRESS_CHECKS = ['server-port', 'client-address'];
