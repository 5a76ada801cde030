package eu.localeconomy.savings.merchant;

import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The phones, tablets and cash registers that scan cards for a merchant. A device's credential is shown once when
 * it is registered; only its hash is kept. Revoking a device stops it at once.
 */
@Service
public class MerchantDevices {

    /** A registered device. */
    public record Device(TenantId tenant, UUID id, UUID merchantId, String name, boolean revoked) {
    }

    /** A device just registered, with the credential to store on it (never shown again). */
    public record RegisteredDevice(Device device, String credential) {
    }

    /** The device a credential belongs to; empty when unknown or revoked. Notes when the device was last seen. */
    public Optional<Device> authenticate(String credential) {
        throw new UnsupportedOperationException("merchant devices not implemented yet");
    }

    public Optional<Device> find(TenantId tenant, UUID deviceId) {
        throw new UnsupportedOperationException("merchant devices not implemented yet");
    }

    public List<Device> ofMerchant(TenantId tenant, UUID merchantId) {
        throw new UnsupportedOperationException("merchant devices not implemented yet");
    }

    public RegisteredDevice register(TenantId tenant, UUID merchantId, String name, UserId registeredBy) {
        throw new UnsupportedOperationException("merchant devices not implemented yet");
    }

    public boolean revoke(TenantId tenant, UUID merchantId, UUID deviceId, UserId revokedBy) {
        throw new UnsupportedOperationException("merchant devices not implemented yet");
    }
}
