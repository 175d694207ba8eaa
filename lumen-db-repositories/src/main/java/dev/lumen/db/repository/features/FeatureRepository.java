package dev.lumen.db.repository.features;

import static dev.lumen.db.schema.Tables.NEW_FEATURES;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.repository.Sort;
import dev.lumen.db.repository.TableRepository;
import dev.lumen.db.repository.Texts;
import dev.lumen.db.schema.tables.records.NewFeaturesRecord;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Feature flags. Lists default to newest first; {@code listKeyset} walks them newest first by
 * {@code (created_at, id)}, served by {@code idx_new_features_created}.
 */
public final class FeatureRepository extends TableRepository<NewFeaturesRecord, Feature, UUID> {

    /** The default order of listings: newest first. */
    public static final Sort NEWEST_FIRST = Sort.desc(FeatureSort.CREATED_AT);

    /** Creates the repository; it is stateless and thread-safe. */
    public FeatureRepository() {
        super(NEW_FEATURES, NEW_FEATURES.ID, "feature", FeatureRepository::toFeature,
                Arrays.asList(FeatureSort.values()), NEWEST_FIRST);
    }

    private static Feature toFeature(NewFeaturesRecord r) {
        return new Feature(r.getId(), r.getName(), r.getDescription(), Boolean.TRUE.equals(r.getIsEnabled()),
                r.getConfig(), r.getCreatedAt(), r.getUpdatedAt(), r.getDeletedAt());
    }

    /**
     * Creates a feature.
     *
     * @param scope where to run
     * @param draft the feature
     * @return the stored feature
     */
    public Feature create(DbScope scope, FeatureDraft draft) {
        return insert(scope, record(draft));
    }

    /**
     * The record for a draft, for {@link #insertAll}.
     *
     * @param draft the feature
     * @return a record with name, description, enabled and config set
     */
    public static NewFeaturesRecord record(FeatureDraft draft) {
        return new NewFeaturesRecord()
                .setName(draft.name())
                .setDescription(draft.description())
                .setIsEnabled(draft.enabled())
                .setConfig(draft.config());
    }

    /**
     * The newest live feature with exactly this name.
     *
     * @param scope where to run
     * @param name  the name
     * @return the feature, if any
     */
    public Optional<Feature> findByName(DbScope scope, String name) {
        String exact = Texts.wellFormed("Feature name", name);
        return fetch(scope, Shape.BY_NAME, binds -> scope.dsl().selectFrom(NEW_FEATURES)
                .where(NEW_FEATURES.NAME.eq(binds.value(NEW_FEATURES.NAME, exact)))
                .and(NEW_FEATURES.DELETED_AT.isNull())
                .orderBy(NEW_FEATURES.CREATED_AT.desc(), NEW_FEATURES.ID.desc())
                .limit(1))
                .stream().findFirst().map(FeatureRepository::toFeature);
    }

    /**
     * Applies changes to a live feature.
     *
     * @param scope   where to run
     * @param id      the feature
     * @param changes what to change
     * @return the updated feature
     * @throws dev.lumen.db.core.error.NotFoundException     when absent or soft-deleted
     * @throws dev.lumen.db.core.error.InvalidInputException when nothing would change
     */
    public Feature update(DbScope scope, UUID id, FeatureChanges changes) {
        NewFeaturesRecord record = new NewFeaturesRecord();
        changes.name().ifPresent(name -> record.setName(Texts.wellFormed("Feature name", name)));
        changes.description().ifPresent(text -> record.setDescription(Texts.wellFormed("Feature description", text)));
        changes.enabled().ifPresent(record::setIsEnabled);
        changes.config().ifPresent(record::setConfig);
        return update(scope, id, record);
    }

    /** This repository's own query shapes. */
    private enum Shape {
        BY_NAME
    }
}
