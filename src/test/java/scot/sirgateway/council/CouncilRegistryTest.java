package scot.sirgateway.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

class CouncilRegistryTest {

    private static CouncilRegistry registry(String file, String demoFile, MockEnvironment environment) {
        return new CouncilRegistry(new CouncilRegistryProperties(file, new CouncilRegistryProperties.Demo(demoFile)),
                new DefaultResourceLoader(), environment);
    }

    private final CouncilRegistry shipped = registry("classpath:councils.yaml", null, new MockEnvironment());

    @Test
    void shippedFileShouldHoldAll32CouncilsAsWrittenInTheNationalList() {
        assertThat(shipped.all()).extracting(Council::name).containsExactlyElementsOf(CouncilNames.OFFICIAL);
        assertThat(shipped.all()).allMatch(c -> !c.domains().isEmpty() && !c.domainsConfirmed() && !c.demo());
    }

    @Test
    void commonSpellingsShouldFindTheCouncil() {
        assertThat(shipped.byName("Glasgow City Council")).map(Council::name).contains("Glasgow City");
        assertThat(shipped.byName("Dumfries & Galloway")).map(Council::name).contains("Dumfries and Galloway");
        assertThat(shipped.byName("Eilean Siar")).map(Council::name).contains("Na h-Eileanan Siar");
        assertThat(shipped.byName("Western Isles")).map(Council::name).contains("Na h-Eileanan Siar");
        assertThat(shipped.byName("falkirk council")).map(Council::name).contains("Falkirk");
        assertThat(shipped.byName("The Highland Council")).map(Council::name).contains("Highland");
        assertThat(shipped.byName("Atlantis")).isEmpty();
    }

    @Test
    void aDomainShouldCoverItsSubdomainsOnly() {
        assertThat(shipped.byAddress("cjsw@glasgow.gov.uk")).map(Council::name).contains("Glasgow City");
        assertThat(shipped.byAddress("cjsw@sw.glasgow.gov.uk")).map(Council::name).contains("Glasgow City");
        assertThat(shipped.byAddress("cjsw@notglasgow.gov.uk")).isEmpty();
        assertThat(shipped.byAddress("cjsw@demo-council.test")).isEmpty(); // demo councils only in embedded mode
    }

    @Test
    void demoFileShouldAddTheDemoCouncils() {
        CouncilRegistry withDemo = registry("classpath:councils.yaml", "classpath:demo/demo-councils.yaml", new MockEnvironment());
        assertThat(withDemo.byAddress("cjsw@demo-council.test")).map(Council::name).contains("Demo Council");
        assertThat(withDemo.all()).hasSize(34);
    }

    @Test
    void placeholdersShouldComeFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("councils.yaml");
        Files.writeString(file, "councils:\n  - name: Fife\n    domains: [fife.gov.uk]\n    cswo: { name: X, email: \"${FIFE_CSWO}\" }\n");
        CouncilRegistry fife = registry("file:" + file, null, new MockEnvironment().withProperty("FIFE_CSWO", "cswo@fife.gov.uk"));
        assertThat(fife.all().get(0).cswo().email()).isEqualTo("cswo@fife.gov.uk");
    }

    @Test
    void badFilesShouldStopStartUpNamingTheProperty(@TempDir Path dir) throws Exception {
        Path misspelt = dir.resolve("misspelt.yaml");
        Files.writeString(misspelt, "councils:\n  - name: Glasgow\n    domains: [glasgow.gov.uk]\n");
        assertThatThrownBy(() -> registry("file:" + misspelt, null, new MockEnvironment()))
                .hasMessageContaining("gateway.councils-file").hasMessageContaining("'Glasgow'");
        Path shared = dir.resolve("shared.yaml");
        Files.writeString(shared, "councils:\n  - name: Fife\n    domains: [x.gov.uk]\n  - name: Angus\n    domains: [x.gov.uk]\n");
        assertThatThrownBy(() -> registry("file:" + shared, null, new MockEnvironment()))
                .hasMessageContaining("x.gov.uk");
        assertThatThrownBy(() -> registry("file:" + dir.resolve("absent.yaml"), null, new MockEnvironment()))
                .hasMessageContaining("gateway.councils-file: no file");
    }
}
