package eu.localeconomy.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Provides the {@link SecretBox}. In production the key comes from {@code app.security.data-key} (base64 of 32
 * bytes, e.g. from a secret store). For a local run without one, a key is generated once into
 * {@code app.security.data-key-file} so that data written by one run can be read by the next.
 */
@Configuration(proxyBeanMethods = false)
class DataKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DataKeyConfiguration.class);

    @Bean
    SecretBox secretBox(@Value("${app.security.data-key:}") String configuredKey,
                        @Value("${app.security.data-key-file:data/keys/data-key}") Path keyFile) throws IOException {
        if (StringUtils.hasText(configuredKey)) {
            return new SecretBox(Base64.getDecoder().decode(configuredKey.trim()));
        }
        if (!Files.exists(keyFile)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file stays readable by its owner's defaults
            }
            log.warn("No app.security.data-key configured: generated a local data key in {}. Configure one for production.",
                    keyFile.toAbsolutePath());
        }
        return new SecretBox(Base64.getDecoder().decode(Files.readString(keyFile).trim()));
    }
}
