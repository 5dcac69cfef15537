package io.heartbeatharness.spec;

import org.testcontainers.utility.DockerImageName;

/** The {@code image} field: a Docker image reference with its tag or digest, so a run says exactly what it checked. */
final class ContainerImages {
    private ContainerImages() {
    }

    /** {@code text}, trimmed, once it names an image with a tag or digest; otherwise a problem naming the field. */
    static String check(SpecFields fields, String text) {
        String image = fields.required("image", text);
        DockerImageName name;
        try {
            name = DockerImageName.parse(image);
            name.assertValid();
        } catch (IllegalArgumentException e) {
            throw fields.problem("image", "not a valid image reference, e.g. python:3.12-alpine, got '" + image + "'");
        }
        // DockerImageName reads no tag as "latest": what a later pull would make of it is not what this run checked.
        boolean pinned = image.contains("@") || image.substring(image.lastIndexOf('/') + 1).contains(":");
        if (!pinned || name.getVersionPart().isEmpty()) {
            throw fields.problem("image", "give its tag or digest, e.g. " + image + ":1.2.3, got '" + image + "'");
        }
        return image;
    }
}
