package io.tunnelwatch.collector.snmp;

import java.util.HexFormat;
import java.util.Locale;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/** Maps {@link SnmpDevice.V3} to SNMP4J's USM objects; shared by the poller and the trap receiver. */
public final class Snmp4jSecurity {

    private Snmp4jSecurity() {
    }

    /**
     * SNMP4J's protocol registry with every protocol {@link SnmpDevice.V3} may name: its defaults leave out SHA-1
     * and MD5, which IOS-XE still uses widely ({@code snmp-server user ... auth sha}).
     */
    public static SecurityProtocols protocols() {
        SecurityProtocols protocols = SecurityProtocols.getInstance().addDefaultProtocols();
        protocols.addAuthenticationProtocol(new AuthSHA());
        protocols.addAuthenticationProtocol(new AuthMD5());
        protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
        protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
        protocols.addPrivacyProtocol(new PrivAES128());
        protocols.addPrivacyProtocol(new PrivAES256());
        protocols.addPrivacyProtocol(new PrivDES());
        return protocols;
    }

    public static UsmUser usmUser(SnmpDevice.V3 v3) {
        OctetString name = new OctetString(v3.user());
        OID priv = privProtocol(v3.privProtocol());
        return new UsmUser(name, authProtocol(v3.authProtocol()), new OctetString(v3.authKey()), priv,
                priv == null ? null : new OctetString(v3.privKey()));
    }

    public static int securityLevel(SnmpDevice.V3 v3) {
        return v3.privProtocol() == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV;
    }

    /** The device's engine ID as SNMP4J wants it, or null when none was configured. */
    public static OctetString engineId(SnmpDevice.V3 v3) {
        return v3.engineId() == null ? null : new OctetString(HexFormat.of().parseHex(v3.engineId()));
    }

    static OID authProtocol(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "SHA", "SHA1" -> AuthSHA.ID;
            case "SHA256" -> AuthHMAC192SHA256.ID;
            case "SHA512" -> AuthHMAC384SHA512.ID;
            case "MD5" -> AuthMD5.ID;
            default -> throw new IllegalArgumentException("unknown SNMPv3 auth protocol: " + name);
        };
    }

    static OID privProtocol(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "AES", "AES128" -> PrivAES128.ID;
            case "AES256" -> PrivAES256.ID;
            case "DES" -> PrivDES.ID;
            default -> throw new IllegalArgumentException("unknown SNMPv3 privacy protocol: " + name);
        };
    }
}
