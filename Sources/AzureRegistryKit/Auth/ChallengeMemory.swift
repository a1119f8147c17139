/// The last challenge each registry host sent (realm and service), so tokens can be sent up front.
actor ChallengeMemory {
    private var byHost: [String: RegistryChallenge] = [:]

    func challenge(for host: String) -> RegistryChallenge? { byHost[host.lowercased()] }

    func remember(_ challenge: RegistryChallenge, for host: String) { byHost[host.lowercased()] = challenge }
}
